/**
 * The pure rules of documents and search: the type told from content, file names safe on every
 * OS, the download header, and the folding and snippets of search.
 */
import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitiseFileName } from '../../server/src/attachments/fileName.ts';
import { sniffFileType } from '../../server/src/attachments/fileType.ts';
import { fold, queryWords, snippetOf, sqlFold } from '../../server/src/search/textFold.ts';
import { openSqliteDb } from '../../server/src/storage/sqliteDb.ts';
import { tinyDocx, tinyPdf } from '../helpers/documents.ts';

const typeOf = (bytes: Buffer | string, name = 'file') => {
  const sniffed = sniffFileType(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), name);
  return sniffed.ok ? sniffed.type.mime : `refused: ${sniffed.reason}`;
};

describe('file types from content', () => {
  it('accepts documents and images by their bytes, whatever the name', () => {
    expect(typeOf(tinyPdf(['x']), 'notes.txt')).toBe('application/pdf');
    expect(typeOf(tinyDocx(['x']), 'report.pdf')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(typeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('image/png');
    expect(typeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(typeOf('GIF89a....')).toBe('image/gif');
    expect(typeOf(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('image/webp');
    expect(typeOf('# Timeline\n\nمرحبا 你好 Привет', 'plan.md')).toBe('text/markdown; charset=utf-8');
    expect(typeOf('Plain notes')).toBe('text/plain; charset=utf-8');
  });

  it('refuses programs, scripts, HTML, SVG, other archives and binary data', () => {
    expect(typeOf(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), 'report.pdf')).toMatch(/^refused: a program/);
    expect(typeOf(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2]), 'a.png')).toMatch(/^refused: a program/);
    expect(typeOf('#!/usr/bin/env python\n', 'notes.txt')).toMatch(/^refused: a script/);
    expect(typeOf('  <!DOCTYPE html><p>hi', 'a.txt')).toMatch(/HTML/);
    expect(typeOf('<svg onload="alert(1)"/>', 'a.txt')).toMatch(/SVG/);
    expect(typeOf('<?xml version="1.0"?><svg/>', 'a.txt')).toMatch(/XML/);
    expect(typeOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.alloc(40)]), 'a.docx')).toMatch(/ZIP/);
    expect(typeOf(Buffer.from([0x41, 0x00, 0x42]))).toMatch(/binary/);
    expect(typeOf(Buffer.from([0xc3, 0x28]))).toMatch(/binary/);
    expect(typeOf('')).toMatch(/empty/);
  });
});

describe('file names', () => {
  it('are safe on every operating system and keep a matching extension', () => {
    expect(sanitiseFileName('../../etc/passwd', 'txt')).toBe('passwd.txt');
    expect(sanitiseFileName('C:\\Users\\me\\Report.PDF', 'pdf')).toBe('Report.pdf');
    expect(sanitiseFileName('NUL.txt', 'txt')).toBe('_NUL.txt');
    expect(sanitiseFileName('com1', 'pdf')).toBe('_com1.pdf');
    expect(sanitiseFileName('draft. . ', 'md')).toBe('draft.md');
    expect(sanitiseFileName('a<b>c:d"e|f?g*h', 'txt')).toBe('a_b_c_d_e_f_g_h.txt');
    expect(sanitiseFileName('invoice\u202Efdp.exe', 'pdf')).toBe('invoice_fdp.exe.pdf');
    expect(sanitiseFileName('.hidden', 'txt')).toBe('hidden.txt');
    expect(sanitiseFileName('تقرير المنتدى.pdf', 'pdf')).toBe('تقرير المنتدى.pdf');
    expect([...sanitiseFileName('x'.repeat(500), 'pdf')].length).toBe(180);
  });

  it('go into Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Résumé "final".pdf')).toBe(
      `attachment; filename="Resume _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
    );
  });
});

describe('search folding and snippets', () => {
  it('folds case, Latin accents and Arabic harakat, and keeps other letters whole', () => {
    expect(fold('RÉSUMÉ Ça')).toBe('resume ca');
    expect(fold('مُشَارَكَة')).toBe('مشاركة');
    expect(fold('ВОСТОЧНОЙ')).toBe('восточной');
    expect(fold('Ёлка ёлка Йод ΣΊΣΥΦΟΣ Straße')).toBe('елка елка йод σίσυφοσ straße');
    expect(queryWords('  Internet  GOVERNANCE internet ')).toEqual(['internet', 'governance']);
  });

  it('folds Arabic hamza and madda on their carriers to the plain letter, as people type them', () => {
    expect(fold('الإنترنت')).toBe('الانترنت');
    expect(fold('أسئلة المسؤولين القرآن ٱلرحمن الإنـترنت')).toBe('اسيلة المسوولين القران الرحمن الانترنت');
    const arabic = snippetOf('حوكمة الإنترنت والتعاون', ['الانترنت']);
    expect(arabic.matches.map(([start, end]) => arabic.snippet.slice(start, end))).toEqual(['الإنترنت']);
  });

  it('folds in SQLite’s SQL exactly as the queries are folded, on any connection the server opens, so that the index agrees', async () => {
    // The index side calls `fold` itself: Arabic, ё, full-width letters, ligatures and the rarer forms.
    const db = openSqliteDb(':memory:');
    const texts = [
      'حوكمة الإنترنت أسئلة المسؤولين بيئة القرآن ٱلرحمن مُتَعَدِّدَة الإنـترنت ۀ ۂ ۓ',
      'ёлка е\u0308лка ａｂｃ１２３ ﬁn Résumé',
      'ﺍﻟﺈﻧﺘﺮﻧﺖ ⓘⓖⓕ 𝐌𝐀𝐆 ⼈⼯智能 豈 ĳsselmeer Ⅻ ㎞',
    ];
    for (const text of texts) {
      const row = await db.get<{ folded: string }>(`WITH t(x) AS (SELECT ?) SELECT ${sqlFold('x', 'sqlite')} AS folded FROM t`, [
        text,
      ]);
      expect(row!.folded, text).toBe(fold(text));
    }
    await db.close();
  });

  it('marks the words in the original text', () => {
    const { snippet, matches } = snippetOf('Le résumé de la réunion', ['resume', 'reunion']);
    expect(matches.map(([start, end]) => snippet.slice(start, end))).toEqual(['résumé', 'réunion']);
    const chinese = snippetOf('建议在会议记录中加入亚太地区青年论坛的意见', ['青年论坛']);
    expect(chinese.matches.map(([start, end]) => chinese.snippet.slice(start, end))).toEqual(['青年论坛']);
    const long = snippetOf(`${'word '.repeat(100)}needle ${'word '.repeat(100)}`, ['needle']);
    expect(long.snippet.startsWith('…')).toBe(true);
    expect(long.snippet.endsWith('…')).toBe(true);
    expect(long.snippet.slice(...long.matches[0]!)).toBe('needle');
  });

  it('marks whole letters with their decomposed marks: Latin accents, Arabic harakat, Vietnamese stacked marks', () => {
    const marked = (text: string, query: string) => {
      const { snippet, matches } = snippetOf(text, queryWords(query));
      return matches.map(([start, end]) => snippet.slice(start, end));
    };
    // e + U+0301, as some keyboards and PDFs write é: the accent is marked with its letter.
    expect(marked('Un cafe\u0301 noir', 'cafe')).toEqual(['cafe\u0301']);
    expect(marked('Des cafe\u0301s noirs', 'cafes')).toEqual(['cafe\u0301s']);
    // Harakat and shadda after the letters, a kasra after the last one.
    expect(marked('حوكمة الإِنْتَرْنِتِ والتعاون', 'الانترنت')).toEqual(['الإِنْتَرْنِتِ']);
    expect(marked('مُشَارَكَةٌ واسعة', 'مشاركة')).toEqual(['مُشَارَكَةٌ']);
    // Vietnamese: ệ as e + circumflex + dot below, ở as o + horn + hook above.
    expect(marked('Vie\u0302\u0323t Nam o\u031b\u0309 Ha\u0300 No\u0323\u0302i', 'viet ha noi')).toEqual([
      'Vie\u0302\u0323t',
      'Ha\u0300',
      'No\u0323\u0302i',
    ]);
  });
});
