/** Global setup of the end-to-end project: the client must be built (and fresh) before browsers load it. */
import { ensureClientBuilt } from '../../scripts/clientBuild.ts';

export default async function setup(): Promise<void> {
  await ensureClientBuilt();
}
