/**
 * Search across a meeting and the cycle. The index is set up (and its SQL rows rebuilt) at
 * start; triggers keep it current in each change's transaction; documents are indexed when
 * they are stored.
 */
import type { Feature } from '../feature.ts';
import { seedMultilingualDemo } from './demoMultilingual.ts';
import { DocumentIndexer } from './documentIndexer.ts';
import { createSearchIndex } from './searchIndex.ts';
import { searchRoutes } from './searchRoutes.ts';
import { SearchService } from './searchService.ts';

export const searchFeature: Feature = {
  name: 'search',
  async register({ http, store, collab, log }) {
    const index = createSearchIndex(store.db);
    await index.setup();
    const documents = new DocumentIndexer(store, index, log);
    collab.configuration.extensions.push(documents);
    await http.register(searchRoutes, { service: new SearchService(store, index, documents) });
  },
  seedDemo: seedMultilingualDemo,
};
