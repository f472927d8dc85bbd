/**
 * Threads read for the live projection, gathered: every thread asked for in the same turn is
 * read in one query (`CommentStore.threadsById`, three statements whatever their number), not
 * three statements each. The projection recomputes the threads changed within its interval
 * together (a burst of comments: some 25 threads every 250 ms), in one event-loop turn on SQLite.
 */
import type { ThreadDto } from '../../../shared/schemas/comments.ts';
import type { CommentStore } from './commentStore.ts';

interface Waiting {
  resolve: (thread: ThreadDto | undefined) => void;
  reject: (error: unknown) => void;
}

export class ThreadReads {
  private readonly comments: CommentStore;
  /** The threads asked for since the last read began, and who waits for each. */
  private waiting = new Map<string, Waiting[]>();

  constructor(comments: CommentStore) {
    this.comments = comments;
  }

  /** The thread as readers see it (undefined when it does not exist or has no comment left), read with the others asked for now. */
  thread(id: string): Promise<ThreadDto | undefined> {
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) queueMicrotask(() => void this.read());
      const list = this.waiting.get(id);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(id, [{ resolve, reject }]);
    });
  }

  private async read(): Promise<void> {
    const waiting = this.waiting;
    this.waiting = new Map();
    try {
      const threads = new Map((await this.comments.threadsById([...waiting.keys()])).map((thread) => [thread.id, thread]));
      for (const [id, list] of waiting) for (const { resolve } of list) resolve(threads.get(id));
    } catch (error) {
      for (const list of waiting.values()) for (const { reject } of list) reject(error);
    }
  }
}
