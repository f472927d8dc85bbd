/** The French strings, every feature's file in one chunk: i18n.ts loads it when the language is chosen. */
export default import.meta.glob<Record<string, unknown>>('./fr/*.json', { eager: true, import: 'default' });
