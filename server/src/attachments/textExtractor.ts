/**
 * Extracts text off the request path: in a worker thread (started on first use, stopped at
 * shutdown), falling back to this thread after the response when a worker cannot start.
 */
import { Worker } from 'node:worker_threads';
import { extractText } from './extractText.ts';

const TIMEOUT_MS = 60_000;

export class TextExtractor {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    try {
      const worker = new Worker(new URL('./extractWorker.ts', import.meta.url));
      worker.unref();
      worker.on('message', (message: { id: number; text?: string; error?: string }) => {
        const waiter = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (message.error !== undefined) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.text ?? '');
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', () => this.fail(new Error('the text extraction worker stopped')));
      this.worker = worker;
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  private fail(error: Error): void {
    this.worker = null;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }

  async extract(mime: string, data: Uint8Array): Promise<string> {
    const worker = this.start();
    if (!worker) return extractText(mime, data);
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error('text extraction took too long'));
      }, TIMEOUT_MS);
      timer.unref();
      this.waiting.set(id, {
        resolve: (text) => {
          clearTimeout(timer);
          resolve(text);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      worker.postMessage({ id, mime, data }, [data.buffer as ArrayBuffer]);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failed = true;
    await worker?.terminate();
  }
}
