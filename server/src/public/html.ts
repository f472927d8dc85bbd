/**
 * HTML built with a tagged template that escapes every interpolated value unless it is already
 * HTML made here (`Html`) or an array of those: a page cannot pass markup from the data through
 * by forgetting to escape it.
 */
import { escapeHtml } from '../meetingRecord/pack/packHtml.ts';

export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? '';
  for (let index = 0; index < parts.length; index++) out += render(parts[index]) + (strings[index + 1] ?? '');
  return new Html(out);
}

/** Markup produced by a trusted renderer (the pack's block renderer escapes its text itself). */
export const trusted = (value: string): Html => new Html(value);

/**
 * A translated sentence as HTML: the template's text escaped, each `{{name}}` replaced by its value
 * (escaped too, unless it is `Html`, such as a link), so a language keeps its own word order around a link.
 */
export function say(template: string, values: Record<string, Part>): Html {
  return new Html(
    template
      .split(/(\{\{\w+\}\})/)
      .map((piece) => {
        const name = /^\{\{(\w+)\}\}$/.exec(piece)?.[1];
        return name === undefined ? escapeHtml(piece) : render(values[name]);
      })
      .join(''),
  );
}
