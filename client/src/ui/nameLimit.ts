/**
 * The limit of a name the server stores normal (a working group's name, a liaison's title, a poll
 * option's label): it counts `normalizeName`'s form, not what was typed, so a name pasted with runs
 * of spaces or no-break spaces that fits once they are one space is taken. The control must not cut
 * at the limit (`maxLength`) then: it cuts only at what a request may send (`sentNameLimit`), and the
 * Field says when the normal form is over (`limit.normal`), as the server's refusal would.
 */
import { nameLength, normalizeName, sentNameLimit } from '../../../shared/normalizeName.ts';

export function nameLimit(value: string, max: number): { length: number; max: number; normal: true } {
  return { length: nameLength(normalizeName(value)), max, normal: true };
}

/** The control's `maxLength` for such a name: what the request's schema accepts as sent. */
export function nameMaxLength(max: number): number {
  return sentNameLimit(max);
}
