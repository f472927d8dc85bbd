/** The worker thread that extracts text (see textExtractor.ts): one request at a time, by id. */
import { parentPort } from 'node:worker_threads';
import { extractText } from './extractText.ts';

parentPort?.on('message', async (message: { id: number; mime: string; data: Uint8Array }) => {
  try {
    parentPort?.postMessage({ id: message.id, text: await extractText(message.mime, message.data) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
