/**
 * The secretariat reads an audit entry's detail by labels in its own language: every key the server
 * writes in a detail, and every code it records as a value, must read as words in all six
 * languages, not as `outcome`, `digestTime` or `immediate`. The keys and codes are listed beside
 * the writers (shared/auditDetails.ts); this test checks from the server's source that the keys of
 * the detail objects written there are all listed, then asks the page's own labelling
 * (client/src/audit/auditText.ts) for each, through i18next with only that language's catalogue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeLabel, fieldLabel } from '../../client/src/audit/auditText.ts';
import { AUDIT_DETAIL_CODES, AUDIT_DETAIL_FIELDS } from '../../shared/auditDetails.ts';
import { LANGUAGES, type Language } from '../../shared/i18n/languages.ts';
import { NotificationSettingsPatchSchema } from '../../shared/schemas/notifications.ts';
import { UserPatch } from '../../shared/schemas/users.ts';

const root = path.resolve(import.meta.dirname, '../..');
const listed = new Set<string>(AUDIT_DETAIL_FIELDS);
/** The keys of an audit entry itself, around its detail. */
const ENVELOPE = new Set(['actorId', 'action', 'subject', 'detail']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** The text of the arguments of each call that writes an audit entry (`audit.record(…)`, a feature's `this.audit(…)`). */
function auditCalls(text: string): string[] {
  const calls: string[] = [];
  for (const match of text.matchAll(/(?:audit\.record|this\.audit)\(/g)) {
    let depth = 1;
    let at = match.index + match[0].length;
    const start = at;
    while (depth > 0 && at < text.length) {
      const char = text[at]!;
      if ('({['.includes(char)) depth++;
      else if (')}]'.includes(char)) depth--;
      at++;
    }
    calls.push(text.slice(start, at - 1));
  }
  return calls;
}

/** The keys of the object literals in a call's arguments, at any depth (strings and templates left out). */
function literalKeys(call: string): string[] {
  const code = call.replace(/'[^'\n]*'|`[^`]*`/g, "''");
  const keys: string[] = [];
  const stack: string[] = [];
  for (let at = 0; at < code.length; at++) {
    const char = code[at]!;
    if ('({['.includes(char)) stack.push(char);
    else if (')}]'.includes(char)) stack.pop();
    else if (stack.at(-1) === '{' && /[A-Za-z_]/.test(char) && /[{,]\s*$/.test(code.slice(0, at))) {
      const key = /^\w+/.exec(code.slice(at))![0];
      if (/^\s*[:,}]/.test(code.slice(at + key.length))) keys.push(key);
      at += key.length - 1;
    }
  }
  return keys;
}

function catalogue(language: Language): Record<string, unknown> {
  const dir = path.join(root, 'client/src/i18n', language === 'en' ? 'en' : `locales/${language}`);
  const translation: Record<string, unknown> = {};
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const content = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    if (file === 'common.json') Object.assign(translation, content);
    else translation[file.slice(0, -'.json'.length)] = content;
  }
  return translation;
}

describe('the audit log’s detail', () => {
  it('lists in shared/auditDetails.ts every key the server writes', () => {
    const written = new Map<string, string>();
    for (const file of sources(path.join(root, 'server/src/'))) {
      for (const call of auditCalls(readFileSync(file, 'utf8'))) {
        for (const key of literalKeys(call)) if (!ENVELOPE.has(key)) written.set(key, path.relative(root, file));
      }
    }
    expect(written.size).toBeGreaterThan(50);
    // Details that are a request's body: a person changed (`user.change`), notification settings.
    for (const key of [...Object.keys(UserPatch.properties), ...Object.keys(NotificationSettingsPatchSchema.properties)]) {
      written.set(key, 'a request body');
    }
    expect([...written].filter(([key]) => !listed.has(key)).map(([key, file]) => `${key} (${file})`)).toEqual([]);
  });

  describe.each(LANGUAGES)('in %s', (language) => {
    let i18n: I18n;
    beforeAll(async () => {
      i18n = i18next.createInstance();
      await i18n.init({ lng: language, fallbackLng: false, resources: { [language]: { translation: catalogue(language) } } });
    });

    it('names every field', () => {
      const unnamed = AUDIT_DETAIL_FIELDS.filter((field) => fieldLabel(i18n, field) === field);
      const fieldsOfCodes = AUDIT_DETAIL_CODES.filter(({ action, field }) => fieldLabel(i18n, field, action) === field);
      expect({ unnamed, fieldsOfCodes: fieldsOfCodes.map(({ action, field }) => `${action} ${field}`) }).toEqual({
        unnamed: [],
        fieldsOfCodes: [],
      });
    });

    it('says every recorded code in words', () => {
      const raw = AUDIT_DETAIL_CODES.flatMap(({ action, field, codes }) =>
        codes.filter((code) => codeLabel(i18n, action, field, code) === code).map((code) => `${action} ${field}: ${code}`),
      );
      expect(raw).toEqual([]);
    });
  });

  it('calls a person’s name a name, and a thing’s name as before, in Russian and Chinese', async () => {
    for (const [language, person, thing] of [
      ['ru', 'Имя', 'Название'],
      ['zh', '姓名', '名称'],
    ] as const) {
      const i18n = i18next.createInstance();
      await i18n.init({ lng: language, fallbackLng: false, resources: { [language]: { translation: catalogue(language) } } });
      expect([fieldLabel(i18n, 'name', 'user.import'), fieldLabel(i18n, 'name', 'user.change')]).toEqual([person, person]);
      expect(codeLabel(i18n, 'user.import', 'field', 'name')).toBe(person);
      expect(fieldLabel(i18n, 'name', 'attachment.create')).toBe(thing);
    }
  });
});
