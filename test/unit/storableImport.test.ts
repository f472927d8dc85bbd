/**
 * Text that enters other than through a JSON body is held to the same rule (shared/storableText.ts):
 * a people file (the API's `text/csv` import and the admin CLI's `user import`) and the admin CLI's
 * `user add`. A lone surrogate cannot arrive through HTTP or a UTF-8 file (the decoder turns broken
 * bytes into U+FFFD) and the CSV parser reads text as UTF-8 bytes too, so a people file can only hold
 * a NUL; `user add` takes any string and is checked with both.
 */
import { describe, expect, it } from 'vitest';
import { UserInputError, validateUser } from '../../server/src/users/userAdmin.ts';
import { ImportFileError, readCsv } from '../../server/src/users/userImport.ts';

const refusal = (text: string) => {
  try {
    readCsv(text);
  } catch (error) {
    if (error instanceof ImportFileError) return { reason: error.reason, params: error.params, message: error.message };
    throw error;
  }
  return undefined;
};

describe('a people file holding text that cannot be stored', () => {
  it('is refused whole, naming the first such cell’s line and column', () => {
    for (const bad of ['Nul\u0000One', '\u0000']) {
      const csv = `email,name,role,region\nok@example.org,Fine,member,Europe\nbad@example.org,Fine too,member,Europe\n"x@example.org","Quoted\nover two lines",member,"${bad}"\n`;
      expect(refusal(csv)).toEqual({
        reason: 'unstorable-text',
        params: { column: 'region', line: 5 },
        message: expect.stringMatching(/^line 5, column region: .*cannot be stored/),
      });
    }
  });

  it('names a header that holds one as it reads, the character shown as �, the header being line 1', () => {
    expect(refusal('email,name,role,No\u0000te\na@example.org,A,member,x\n')).toMatchObject({
      reason: 'unstorable-text',
      params: { column: 'no\ufffdte', line: 1 },
    });
  });

  it('reads a lone surrogate as U+FFFD, as the file’s bytes would be read: the parser reads UTF-8, never a lone surrogate', () => {
    const [row] = readCsv('email,name,role\nana@example.org,Ana \ud800,member\n');
    expect(row?.record.name).toBe('Ana \ufffd');
  });

  it('reads a file of well-formed text as before, accents and emoji included', () => {
    expect(refusal('email,name,role\nana@example.org,Ana Lima 😀 Ñandú,member\n')).toBeUndefined();
  });
});

describe('the admin CLI’s user add', () => {
  const fields = { email: 'ana@example.org', name: 'Ana', role: 'member', password: 'long-enough-pw' };
  it('refuses a NUL or a lone surrogate in any option, naming it', () => {
    for (const [option, value] of [
      ['name', 'Ana\u0000'],
      ['name', 'Ana \ud83d'],
      ['region', 'GRU\u0000LAC'],
      ['password', 'long-enough-\udc00'],
      ['email', 'ana\u0000@example.org'],
    ] as const) {
      expect(() => validateUser({ ...fields, [option]: value }), option).toThrow(UserInputError);
      expect(() => validateUser({ ...fields, [option]: value }), option).toThrow(
        new RegExp(`^--${option} holds a character that cannot be stored`),
      );
    }
    expect(validateUser({ ...fields, name: 'Ana 😀', region: 'GRULAC' })).toMatchObject({ name: 'Ana 😀', region: 'GRULAC' });
  });
});
