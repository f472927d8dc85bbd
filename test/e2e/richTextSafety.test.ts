/**
 * Rich text written straight into a Yjs document by a hostile client (bypassing the editor):
 * javascript: and data: links, event-handler attributes, unknown node types. In the browser it
 * renders inert: nothing runs, no dangerous link or attribute reaches the page.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaDoc, RICH_TEXT_FIELD } from '../../shared/documentNames.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { browserSuite } from '../helpers/browser.ts';
import { acknowledged, collabToken, connectPeer, login, synced } from '../helpers/clients.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const { server, signIn } = browserSuite();

function hostileContent(doc: Y.Doc): void {
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  const linked = (text: string, href: string) => {
    const paragraph = new Y.XmlElement('paragraph');
    const content = new Y.XmlText();
    content.insert(0, text, { link: { href, target: '_blank', rel: null, class: null } });
    paragraph.insert(0, [content]);
    return paragraph;
  };
  const handler = new Y.XmlElement('paragraph');
  handler.setAttribute('onclick', 'window.__pwned = "onclick"');
  handler.setAttribute('style', 'background:url(javascript:window.__pwned="style")');
  handler.insert(0, [new Y.XmlText('Paragraph with handlers')]);
  const script = new Y.XmlElement('script');
  script.insert(0, [new Y.XmlText('window.__pwned = "script"')]);
  const iframe = new Y.XmlElement('iframe');
  iframe.setAttribute('src', 'javascript:parent.__pwned="iframe"');
  const image = new Y.XmlElement('image');
  image.setAttribute('src', 'x');
  image.setAttribute('onerror', 'window.__pwned = "onerror"');
  fragment.insert(fragment.length, [
    linked('Click for the agenda', 'javascript:window.__pwned="link"'),
    linked('Data link', 'data:text/html,<script>parent.__pwned="data"</script>'),
    handler,
    script,
    iframe,
    image,
    linked('A real link', 'https://www.intgovforum.org/'),
  ]);
}

describe('hostile rich text', () => {
  it('renders inert in the browser', async () => {
    const attacker = await login(server.baseUrl, 'laura@example.org');
    const peer = connectPeer(server.wsUrl, AGENDA, () => collabToken(server.baseUrl, attacker, AGENDA));
    await synced(peer);
    hostileContent(peer.doc);
    await acknowledged(peer);
    peer.destroy();

    const { page, context } = await signIn('tomas@example.org', `/meetings/${DEMO_MEETING.id}`);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const editor = page.locator('.ProseMirror');
    await expect.poll(() => editor.textContent()).toContain('A real link');

    // Click everything that could run something.
    for (const text of ['Click for the agenda', 'Data link', 'Paragraph with handlers']) {
      await page
        .getByText(text)
        .click({ modifiers: ['Control'] })
        .catch(() => undefined);
    }
    await page.waitForTimeout(300);
    const found = await page.evaluate(() => {
      const root = document.querySelector('.ProseMirror')!;
      const all = [...root.querySelectorAll('*')];
      return {
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
        scripts: root.querySelectorAll('script, iframe, object, embed').length,
        handlers: all.flatMap((element) =>
          [...element.attributes].filter((attribute) => attribute.name.startsWith('on')).map((a) => a.name),
        ),
        hrefs: [...root.querySelectorAll('a')].map((anchor) => anchor.getAttribute('href')),
        styles: all.map((element) => element.getAttribute('style') ?? '').filter((style) => style.includes('javascript')),
      };
    });
    expect(found.pwned).toBeNull();
    expect(dialogs).toEqual([]);
    expect(found.scripts).toBe(0);
    expect(found.handlers).toEqual([]);
    expect(found.styles).toEqual([]);
    for (const href of found.hrefs) expect(href ?? '').not.toMatch(/^\s*(javascript|data|vbscript):/i);
    expect(found.hrefs).toContain('https://www.intgovforum.org/');
    await context.close();
  });
});
