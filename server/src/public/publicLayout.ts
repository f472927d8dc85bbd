/**
 * The frame of every public page: lang and dir, canonical URL, the page in the other languages,
 * Open Graph tags, the Atom feed's link, a skip link, the languages to choose from and readable inline CSS (logical properties only; fits 360 px). The meeting page adds
 * one same-origin deferred script (live updating); every page works without it.
 */
import { directionOf, LANGUAGE_NAMES, LANGUAGES } from '../../../shared/i18n/languages.ts';
import { type Html, html, trusted } from './html.ts';
import type { Words } from './publicText.ts';

export interface PageMeta {
  title: string;
  description: string;
  /** Absolute URL of this page, on the first PUBLIC_ORIGIN (with `?lang=` when the reader chose the language). */
  canonical: string;
  feed?: string;
  /** Live updating: the fingerprint route to poll and the fingerprint of the content served. */
  live?: { url: string; fingerprint: string };
}

/** The one script of the public pages: static, same-origin (CSP script-src 'self'), no inline code. */
export const LIVE_SCRIPT_PATH = '/public/live.js';

const STYLE = `
:root { color: #1a1a1a; background: #fff; font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif; line-height: 1.5; }
body { margin: 0; }
main, .site { max-inline-size: 50rem; margin-inline: auto; padding-inline: 1rem; }
main { overflow-wrap: anywhere; }
.live-status { max-inline-size: 50rem; margin-inline: auto; padding-inline: 1rem; }
.site { padding-block: 0.75rem; border-block-end: 1px solid #c9ced3; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; justify-content: space-between; }
.languages ul { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; list-style: none; margin: 0; padding: 0; }
.languages a[aria-current] { font-weight: 700; text-decoration: none; }
.skip { position: absolute; inset-inline-start: -100vw; }
.skip:focus { position: static; display: inline-block; padding: 0.5rem; background: #ffef9e; }
a { color: #0b4f8a; overflow-wrap: anywhere; }
a:focus-visible, input:focus-visible, select:focus-visible, button:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
h1 { font-size: 1.6rem; line-height: 1.25; margin-block: 1rem 0.25rem; }
h2 { font-size: 1.3rem; margin-block: 2rem 0.5rem; border-block-end: 1px solid #c9ced3; }
h3 { font-size: 1.1rem; margin-block: 1.25rem 0.25rem; }
.meta, .details, .tail { color: #4a4f55; font-size: 0.92em; }
.status { display: inline-block; padding-inline: 0.4rem; border: 1px solid #6b7178; border-radius: 4px; font-size: 0.85em; }
.hidden-comment { font-style: italic; color: #4a4f55; }
/* A comment keeps its line breaks, as on the board; a mention stands out as there. */
.comment-body { white-space: pre-wrap; }
.mention { font-weight: 600; }
blockquote { margin-inline: 0; padding-inline-start: 0.75rem; border-inline-start: 3px solid #c9ced3; }
table { border-collapse: collapse; inline-size: 100%; }
th, td { text-align: start; padding: 0.25rem 0.5rem; border-block-end: 1px solid #c9ced3; }
td.number { text-align: end; font-variant-numeric: tabular-nums; }
.digest { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
form { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.75rem; max-inline-size: 30rem; }
label { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.25rem; font-weight: 600; }
/* A grid item is at least as wide as its content unless told otherwise: a select as wide as its longest
   option ("Organisations intergouvernementales") pushed the form past a 360 px screen. */
input, select, button { font: inherit; padding: 0.4rem; min-inline-size: 0; max-inline-size: 100%; box-sizing: border-box; }
button { inline-size: fit-content; padding-inline: 1rem; }
.trap { position: absolute; inset-inline-start: -100vw; }
.error-summary { border: 3px solid #a4001d; padding-inline: 1rem; margin-block-end: 1rem; max-inline-size: 30rem; }
.error-summary:focus { outline: 3px solid #0b4f8a; outline-offset: 2px; }
.error-summary h2 { margin-block-start: 0.75rem; font-size: 1.15em; }
.field-error { color: #a4001d; font-weight: 600; margin-block: -0.5rem 0; }
[aria-invalid="true"] { border: 2px solid #a4001d; }
footer { color: #4a4f55; font-size: 0.85em; margin-block: 3rem 1rem; }
ul, ol { padding-inline-start: 1.25rem; }
`;

/** Search engines cut titles at about 70 characters; the Open Graph title keeps it whole. */
const shortTitle = (title: string) => (title.length > 70 ? `${title.slice(0, 69).trimEnd()}…` : title);

/** The page in each language: the same address with `?lang=`. */
const inLanguage = (canonical: string, language: string) => `${canonical.split('?')[0]}?lang=${language}`;

export function page(meta: PageMeta, body: Html, words: Words): string {
  const text = words.text.layout;
  return `<!DOCTYPE html>\n${
    html`<html lang="${words.language}" dir="${directionOf(words.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${shortTitle(meta.title)}</title>
<meta name="description" content="${meta.description}">
<link rel="canonical" href="${meta.canonical}">
<link rel="icon" href="data:,">
${LANGUAGES.map((language) => html`<link rel="alternate" hreflang="${language}" href="${inLanguage(meta.canonical, language)}">\n`)}${
  meta.feed ? html`<link rel="alternate" type="application/atom+xml" title="${text.feedTitle}" href="${meta.feed}">` : ''
}
<meta property="og:type" content="website">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${meta.canonical}">
<meta property="og:site_name" content="Plenary">
<style>${trusted(STYLE)}</style>
${
  meta.live
    ? html`<script defer src="${LIVE_SCRIPT_PATH}" data-live="${meta.live.url}" data-fingerprint="${meta.live.fingerprint}" data-updated="${text.updated}" data-paused="${text.paused}"></script>`
    : ''
}
</head>
<body>
<a class="skip" href="#main">${text.skip}</a>
<header class="site"><a href="/">Plenary</a>
<nav class="languages" aria-label="${text.languages}"><ul>${LANGUAGES.map(
      (language) =>
        html`<li><a href="?lang=${language}" lang="${language}" hreflang="${language}"${
          language === words.language ? trusted(' aria-current="true"') : ''
        }>${LANGUAGE_NAMES[language]}</a></li>`,
    )}</ul></nav></header>
${meta.live ? html`<div id="live-status" class="live-status meta" role="status" aria-live="polite"></div>` : ''}
<main id="main">
${body}
<footer><p>${text.footer}</p></footer>
</main>
</body>
</html>`.value
  }\n`;
}
