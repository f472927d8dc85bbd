/**
 * The secretariat reads the audit log by labels, in six languages: every action the server writes
 * must have one. The server may only write the actions of shared/auditActions.ts (the type of
 * `AuditLog.record()`), and this test checks, from the server's source, that the list holds every
 * action written (a cast or a widened helper would slip past the type) and nothing it no longer
 * writes, then that each language labels exactly those actions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../shared/auditActions.ts';
import { LANGUAGES } from '../../shared/i18n/languages.ts';

const root = path.resolve(import.meta.dirname, '../..');
const CODE = /^[a-z][A-Za-z]*(\.[a-z][A-Za-z-]*)+$/;
const literals = (text: string) => [...text.matchAll(/'([^'\n]+)'/g)].map((match) => match[1]!);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/**
 * The actions a source file writes: the codes in an `action:` property, and those passed to a
 * feature's own audit helper (`this.audit(tx, who, 'floor.turn.started', …)`, the questions'
 * `moderate(…, 'question.hidden', …)`); a helper that adds a prefix (`workingGroup.${action}`) is
 * given its short names.
 */
function writtenActions(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\baction:\s*([^,}\n]+)/g)) found.push(...literals(match[1]!).filter((s) => CODE.test(s)));
  const prefix = /\baction:\s*`(\w+)\.\$\{action\}`/.exec(text)?.[1];
  for (const match of text.matchAll(/\.(?:audit|moderate)\(([^\n]+)/g)) {
    for (const literal of literals(match[1]!)) {
      if (CODE.test(literal)) found.push(literal);
      else if (prefix && /^\w+$/.test(literal)) found.push(`${prefix}.${literal}`);
    }
  }
  return found;
}

describe('the audit log’s actions', () => {
  const written = new Set(sources(path.join(root, 'server/src')).flatMap((file) => writtenActions(readFileSync(file, 'utf8'))));
  const listed = new Set<string>(AUDIT_ACTIONS);

  it('are all in shared/auditActions.ts, which lists none the server no longer writes', () => {
    expect(written.size).toBeGreaterThan(80);
    expect([...written].filter((action) => !listed.has(action)).sort()).toEqual([]);
    expect([...listed].filter((action) => !written.has(action)).sort()).toEqual([]);
  });

  it.each(LANGUAGES)('each have a label in %s, and no label is left for an action gone', (language) => {
    const file = language === 'en' ? 'en/auditLog.json' : `locales/${language}/auditLog.json`;
    const catalogue = JSON.parse(readFileSync(path.join(root, 'client/src/i18n', file), 'utf8')) as {
      actions?: Record<string, unknown>;
    };
    const labels = catalogue.actions ?? {};
    const missing = AUDIT_ACTIONS.filter((action) => typeof labels[action] !== 'string' || labels[action] === '');
    const stale = Object.keys(labels).filter((action) => !listed.has(action));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });
});
