/**
 * The secretariat reads an audit entry's detail by labels in its own language: every key the server
 * writes in a detail, and every code it records as a value, must read as words in all six
 * languages, not as `outcome`, `digestTime` or `immediate`. The keys and codes are listed beside
 * the writers (shared/auditDetails.ts); this test checks from the server's types that the keys of
 * the details written there are all listed, then asks the page's own labelling
 * (client/src/audit/auditText.ts) for each, through i18next with only that language's catalogue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n as I18n } from 'i18next';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeLabel, codeLabelKey, fieldLabel } from '../../client/src/audit/auditText.ts';
import { AUDIT_DETAIL_CODES, AUDIT_DETAIL_FIELDS } from '../../shared/auditDetails.ts';
import { LANGUAGES, type Language } from '../../shared/i18n/languages.ts';

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

/**
 * Objects of a detail whose keys are data, not field names: a poll's tally by option id, the email
 * modes of notification settings by kind of notification (listed with their codes).
 */
const DATA_KEYED = new Set(['tally', 'email']);

/**
 * Every key of the details the server writes, at any depth, read from their types: a detail built
 * from a changed-field object (a meeting's changes, a person's before and after) has the keys of
 * that object's type, so a field added to it is found here too. `where` of each key is its first
 * call. A detail typed loosely (an index signature, `unknown`) has keys nobody can list: it is
 * reported, to be given its type. A feature's own `audit(…)` helper passes its `detail` on: its
 * callers are read instead.
 */
function writtenKeys(): { keys: Map<string, string>; untyped: string[] } {
  const files = sources(path.join(root, 'server/src/')).filter((file) =>
    /audit\.record\(|this\.audit\(/.test(readFileSync(file, 'utf8')),
  );
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const keys = new Map<string, string>();
  const untyped: string[] = [];
  const walk = (type: ts.Type, at: string, seen: Set<ts.Type>) => {
    if (seen.has(type)) return;
    seen.add(type);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) untyped.push(`${at}: ${checker.typeToString(type)}`);
    if (type.isUnionOrIntersection()) for (const member of type.types) walk(member, at, seen);
    if (!(type.flags & ts.TypeFlags.Object) || type.getCallSignatures().length > 0) return;
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      for (const item of checker.getTypeArguments(type as ts.TypeReference)) walk(item, at, seen);
      return;
    }
    if (checker.getIndexInfosOfType(type).length > 0) untyped.push(`${at}: ${checker.typeToString(type)}`);
    for (const property of checker.getPropertiesOfType(type)) {
      if (!keys.has(property.name)) keys.set(property.name, at);
      if (!DATA_KEYED.has(property.name)) walk(checker.getTypeOfSymbol(property), `${at} ${property.name}`, new Set(seen));
    }
  };
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    const visit = (node: ts.Node, helper: boolean) => {
      const inHelper = helper || (ts.isMethodDeclaration(node) && node.name.getText(source) === 'audit');
      if (ts.isCallExpression(node)) {
        const callee = node.expression.getText(source);
        const where = `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
        let detail: ts.Expression | undefined;
        const [entry] = node.arguments;
        if (/(^|\.)audit\.record$/.test(callee) && !inHelper) {
          if (!entry || !ts.isObjectLiteralExpression(entry)) untyped.push(`${where}: an entry that is not written in place`);
          const property =
            entry && ts.isObjectLiteralExpression(entry)
              ? entry.properties.find((p) => p.name?.getText(source) === 'detail')
              : undefined;
          if (property && ts.isPropertyAssignment(property)) detail = property.initializer;
          else if (property && ts.isShorthandPropertyAssignment(property)) detail = property.name;
        } else if (callee === 'this.audit') {
          const index =
            checker.getResolvedSignature(node)?.parameters.findIndex((parameter) => parameter.name === 'detail') ?? -1;
          // A helper whose detail goes by another name could not be read: said, rather than passed over.
          if (index < 0) untyped.push(`${where}: a helper without a parameter named detail`);
          else detail = node.arguments[index];
        }
        if (detail) walk(checker.getTypeAtLocation(detail), where, new Set());
      }
      ts.forEachChild(node, (child) => visit(child, inHelper));
    };
    visit(source, false);
  }
  return { keys, untyped };
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
  // Reads the server's types (a TypeScript program of the files that write entries): about half a minute.
  it('lists in shared/auditDetails.ts every key the server writes, typed so that none is missed', { timeout: 180_000 }, () => {
    const { keys: written, untyped } = writtenKeys();
    for (const key of ENVELOPE) written.delete(key);
    expect(written.size).toBeGreaterThan(50);
    expect({
      unlisted: [...written].filter(([key]) => !listed.has(key)).map(([key, where]) => `${key} (${where})`),
      untyped,
    }).toEqual({ unlisted: [], untyped: [] });
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
      // A code is said in words when the page looks its label up and the catalogue has it (English
      // "read" for the scope `read` is a label that happens to be the code); a language or a field's
      // name is said by codeLabel itself.
      const labelled = (action: string, field: string, code: string) => {
        if (field === 'language' || field === 'field') return codeLabel(i18n, action, field, code) !== code;
        const key = codeLabelKey(action, field, code);
        return key !== undefined && i18n.exists(key);
      };
      const raw = AUDIT_DETAIL_CODES.flatMap(({ action, field, codes }) =>
        codes.filter((code) => !labelled(action, field, code)).map((code) => `${action} ${field}: ${code}`),
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
