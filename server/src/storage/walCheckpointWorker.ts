/**
 * The worker thread of walCheckpointer.ts: its own connection to the database file, which
 * copies the WAL back into the database every CHECKPOINT_INTERVAL_MS. PASSIVE never waits for
 * readers or writers, so the event loop's commits go on while it runs.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const CHECKPOINT_INTERVAL_MS = 250;

const { file } = workerData as { file: string };
const db = new DatabaseSync(file);
db.exec('PRAGMA busy_timeout = 5000');
// This connection never checkpoints on its own: it only reads the WAL's state and copies it.
db.exec('PRAGMA wal_autocheckpoint = 0');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const timer = setInterval(() => checkpoint.get(), CHECKPOINT_INTERVAL_MS);

parentPort!.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
parentPort!.postMessage('ready');
