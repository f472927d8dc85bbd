/**
 * linkifyjs for the editor's Link extension (Tiptap's, through StarterKit in shared/richText.ts),
 * loaded once the editor's code has run instead of inside the editor's chunk: 8 KB Brotli that the
 * meeting page waited for on a slow link (issue #15, bench S13). The build resolves `linkifyjs` to
 * this module everywhere in the client (vite.config.ts); the server keeps the package itself.
 *
 * Until the package has arrived (a moment after the editor is drawn), `find` and `tokenize` find no
 * link: a URL typed or pasted in that moment stays plain text, as one the extension does not accept;
 * links already in the document are marks and show as links either way. Protocols registered
 * meanwhile are registered on arrival, before the package is first used.
 */
import type * as Linkify from 'linkifyjs';

type LinkifyModule = typeof Linkify;

let linkify: LinkifyModule | null = null;
const protocols: [scheme: string, optionalSlashSlash?: boolean][] = [];

// The real package: the build's resolver leaves this importer's `linkifyjs` alone.
export const linkifyLoaded: Promise<void> = import('linkifyjs').then(
  (module) => {
    for (const [scheme, optionalSlashSlash] of protocols) module.registerCustomProtocol(scheme, optionalSlashSlash);
    linkify = module;
  },
  () => undefined, // Offline: links are still shown, only not made while typing.
);

export const find: LinkifyModule['find'] = (...args) => (linkify ? linkify.find(...args) : []);

export const tokenize = (text: string): Linkify.MultiToken[] => (linkify ? linkify.tokenize(text) : []);

export function registerCustomProtocol(scheme: string, optionalSlashSlash?: boolean): void {
  if (linkify) linkify.registerCustomProtocol(scheme, optionalSlashSlash);
  else protocols.push([scheme, optionalSlashSlash]);
}

export function reset(): void {
  if (linkify) linkify.reset();
  else protocols.length = 0;
}
