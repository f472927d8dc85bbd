/**
 * A comment's body on the public page: the board's formatting as markup built here, every character
 * of the body (and of a mentioned person's name) text, for every naughty string.
 */
import { describe, expect, it } from 'vitest';
import { commentBody } from '../../server/src/public/commentBody.ts';
import { commentPlainText, mentionToken, parseCommentText } from '../../shared/commentText.ts';
import { BLNS } from '../helpers/commentHelpers.ts';
import { expectValidHtml } from '../helpers/validHtml.ts';

/** The only tags the renderer writes; anything else that looks like a tag came from the body. */
const OWN_TAGS = /<\/?(?:strong|em|bdi)>|<bdi class="mention">|<a href="[^"<>]*" rel="nofollow ugc noopener noreferrer">|<\/a>/g;
const textOf = (text: string) =>
  text.replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!);

describe('a comment body on the public page', () => {
  it('writes no markup from the body or a name, for every naughty string, and reads as the board’s text', {
    // About a thousand bodies and html-validate over all of them: slow on a loaded two-core machine.
    timeout: 60_000,
  }, async () => {
    const naughtyName = '<img src=x onerror=alert(1)> "Ada" & \'Bob\'';
    const mentions = [{ id: 'p-1', name: naughtyName }];
    const bodies = BLNS.flatMap((text) => [
      text,
      `*${text}* ${mentionToken('p-1')} [${text}](https://example.org/?q=${encodeURIComponent(text)}) **${text}**`,
    ]);
    for (const body of bodies) {
      const out = commentBody(body, mentions, 'someone').value;
      const bare = out.replace(OWN_TAGS, '');
      expect(bare, JSON.stringify(body)).not.toMatch(/[<>"]/);
      const nameOf = (id: string) => (id === 'p-1' ? naughtyName : 'someone');
      expect(textOf(bare), JSON.stringify(body)).toBe(commentPlainText(parseCommentText(body), nameOf));
    }
    const page = bodies.map((body) => `<p>${commentBody(body, mentions, 'someone').value}</p>`).join('\n');
    await expectValidHtml(
      `<!DOCTYPE html><html lang="en"><head><title>Comments</title></head><body><main>${page}</main></body></html>`,
    );
  });

  it('shows a link whose label has nothing visible by its address, so it can be seen and read out', () => {
    expect(commentBody('[\u200b ](https://example.org/a)', [], 'someone').value).toBe(
      '<a href="https://example.org/a" rel="nofollow ugc noopener noreferrer">https://example.org/a</a>',
    );
  });

  it('never makes a link of a scheme other than http(s) or mailto', () => {
    const out = commentBody('[x](javascript:alert(1)) javascript:alert(1) data:text/html,<b>', [], 'someone').value;
    expect(out).not.toContain('<a');
    expect(out).toContain('&lt;b&gt;');
  });
});
