/** The formatting subset of comment bodies, and mentions as the composer writes them. */
import { describe, expect, it } from 'vitest';
import { bodyForEditing, bodyToStore, mentionQueryAt } from '../../client/src/comments/mentions.ts';
import { commentPlainText, mentionedIds, parseCommentText } from '../../shared/commentText.ts';
import { storableText } from '../../shared/storableText.ts';
import { BLNS } from '../helpers/commentHelpers.ts';

describe('comment text', () => {
  it('formats links, emphasis and mentions, and nothing else', () => {
    expect(parseCommentText('See **the scope** and *why*, at https://intgovforum.org/en. Ask <@u-1>.')).toEqual([
      { type: 'text', text: 'See ' },
      { type: 'strong', children: [{ type: 'text', text: 'the scope' }] },
      { type: 'text', text: ' and ' },
      { type: 'em', children: [{ type: 'text', text: 'why' }] },
      { type: 'text', text: ', at ' },
      { type: 'link', href: 'https://intgovforum.org/en', text: 'https://intgovforum.org/en' },
      { type: 'text', text: '. Ask ' },
      { type: 'mention', userId: 'u-1' },
      { type: 'text', text: '.' },
    ]);
    expect(parseCommentText('[the call](https://example.org/call) and [mail](mailto:igf@un.org)')).toEqual([
      { type: 'link', href: 'https://example.org/call', text: 'the call' },
      { type: 'text', text: ' and ' },
      { type: 'link', href: 'mailto:igf@un.org', text: 'mail' },
    ]);
  });

  it('never makes a link of another scheme, and leaves markup as text', () => {
    for (const body of [
      '[x](javascript:alert(1))',
      'javascript:alert(1)',
      '<a href="https://x.org">x</a>',
      'data:text/html,<script>',
      '[x](data:text/html;base64,AAA)',
    ]) {
      const links = parseCommentText(body).filter((node) => node.type === 'link');
      for (const link of links) expect(link.type === 'link' && /^(https?:\/\/|mailto:)/.test(link.href)).toBe(true);
    }
    expect(parseCommentText('<script>alert(1)</script>')).toEqual([{ type: 'text', text: '<script>alert(1)</script>' }]);
    expect(parseCommentText('2 * 3 * 4 and a*b')).toEqual([{ type: 'text', text: '2 * 3 * 4 and a*b' }]);
  });

  it('parses every naughty string, losing no character but the formatting marks', () => {
    for (const body of BLNS) {
      const nodes = parseCommentText(body);
      const shown = commentPlainText(nodes, () => undefined);
      // Only the markers of emphasis and of [label](url) links may disappear.
      const stripped = body.replace(/\[([^[\]\n]+)\]\((?:https?:\/\/|mailto:)[^\s()<>]+\)/gi, '$1').replaceAll('*', '');
      expect(shown.replaceAll('*', ''), JSON.stringify(body)).toBe(stripped);
    }
  });

  it('finds the people a body mentions, and knows what cannot be stored', () => {
    expect(mentionedIds('<@a> and <@b> and <@a> but not <@> or <@x y>')).toEqual(['a', 'b']);
    expect(storableText('ok ☃ 😀')).toBe(true);
    expect(storableText('nul \u0000')).toBe(false);
    expect(storableText('lone \ud83d')).toBe(false);
  });
});

describe('mentions in the composer', () => {
  it('turns chosen names into references and back, leaving hand-typed @words alone', () => {
    const chosen = new Map([
      ['Ana Souza', 'id-ana'],
      ['Ana', 'id-other'],
    ]);
    expect(bodyToStore('Thanks @Ana Souza and @Ana, cc @nobody', chosen)).toBe('Thanks <@id-ana> and <@id-other>, cc @nobody');
    const editing = bodyForEditing('Thanks <@id-ana> and <@ghost>', [{ id: 'id-ana', name: 'Ana Souza' }]);
    expect(editing.text).toBe('Thanks @Ana Souza and <@ghost>');
    expect(bodyToStore(editing.text, editing.chosen)).toBe('Thanks <@id-ana> and <@ghost>');
  });

  it('knows when a name is being typed after @', () => {
    expect(mentionQueryAt('Hello @Me', 9)).toEqual({ start: 6, query: 'Me' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('mail me@example.org', 19)).toBeNull();
    expect(mentionQueryAt('Hello @Mei Lin', 14)).toBeNull();
  });
});
