/**
 * The time zones of the meeting form, named in the reader's language: the browser's own name for
 * the zone ("Восточная Африка", "东部非洲时间") with the IANA id beside it, since several zones
 * share one name (every zone of Central Europe) and the id is what the server stores. Sorted in
 * the language's collation. The raw ids ("Africa/Addis Ababa") were all a Russian or Chinese
 * reader had to go by.
 */
import { formatZoneName, intlLocale } from '../../../shared/i18n/format.ts';

export interface ZoneChoices {
  /** The zones, in the order of their labels. */
  zones: string[];
  label: (zone: string) => string;
}

// Some four hundred zones, each formatted once: computed once per language and list of zones.
const computed = new Map<string, ZoneChoices>();

const idLabel = (zone: string) => zone.replaceAll('_', ' ');

export function zoneChoices(language: string, zones: readonly string[]): ZoneChoices {
  const key = `${language}\n${zones.join(',')}`;
  const known = computed.get(key);
  if (known) return known;
  const labels = new Map<string, string>();
  const now = Date.now();
  for (const zone of zones) {
    // As the meeting's header and the agenda name the zone (shared/i18n/format.ts), "Восточная
    // Африка"; a zone Intl does not know comes back as its id, said once.
    const { name } = formatZoneName(language, zone, now);
    labels.set(zone, name === zone ? idLabel(zone) : `${name} (${idLabel(zone)})`);
  }
  const label = (zone: string) => labels.get(zone) ?? idLabel(zone);
  let compare: (a: string, b: string) => number;
  try {
    compare = new Intl.Collator(intlLocale(language)).compare;
  } catch {
    compare = new Intl.Collator().compare;
  }
  const choices = { zones: [...zones].sort((a, b) => compare(label(a), label(b)) || compare(a, b)), label };
  computed.set(key, choices);
  return choices;
}
