/** Schema of languages: versions 900–909. */
import type { Migration } from '../storage/migrations.ts';

export const I18N_MIGRATIONS: Migration[] = [
  {
    version: 900,
    name: 'i18n: the language each person chose',
    // NULL until the person picks one: documents and the client then follow the browser's languages.
    statements: [`ALTER TABLE users ADD COLUMN language TEXT`],
  },
];
