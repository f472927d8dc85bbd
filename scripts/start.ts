/** `npm start`: builds the client when it is missing or older than its sources, then starts the server. */
import { ensureClientBuilt } from './clientBuild.ts';

await ensureClientBuilt();
await import('../server/src/main.ts');
