/**
 * Updates that DocumentQuota admitted on Hocuspocus's per-message path and that are not applied
 * yet: between the check of an update and its apply, Persistence awaits its append to the store.
 * A rule about to change (an agenda's days, before its meeting's dates change:
 * meetingRecord/agendaItemDays.ts) waits for the updates admitted under the old rule, so that
 * what is read afterwards holds them all. The batched path (updateBatches.ts) checks, stores and
 * applies in one synchronous turn: none of its updates is ever in between.
 */

interface Pending {
  socketId: string;
  done: Promise<void>;
  settle: () => void;
}

export class AdmittedUpdates {
  /** By document name, in the order they were admitted. */
  private readonly pending = new Map<string, Pending[]>();

  /** An update of `socketId` to `documentName` passed the checks; it is stored and applied next. */
  admitted(documentName: string, socketId: string): void {
    let settle = () => {};
    const done = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const list = this.pending.get(documentName) ?? [];
    list.push({ socketId, done, settle });
    this.pending.set(documentName, list);
  }

  /** The socket's admitted update was applied (a connection handles its messages one at a time). */
  finished(documentName: string, socketId: string): void {
    const first = this.pending.get(documentName)?.find((entry) => entry.socketId === socketId);
    this.drop(documentName, (entry) => entry === first);
  }

  /** The connection closed: what it had admitted and not applied never will be. */
  disconnected(documentName: string, socketId: string): void {
    this.drop(documentName, (entry) => entry.socketId === socketId);
  }

  /** Resolves once every update admitted for the document before this call is applied or dropped. */
  async settled(documentName: string): Promise<void> {
    await Promise.all((this.pending.get(documentName) ?? []).map((entry) => entry.done));
  }

  private drop(documentName: string, which: (entry: Pending) => boolean): void {
    const list = this.pending.get(documentName);
    if (!list) return;
    const kept = list.filter((entry) => {
      if (which(entry)) {
        entry.settle();
        return false;
      }
      return true;
    });
    if (kept.length > 0) this.pending.set(documentName, kept);
    else this.pending.delete(documentName);
  }
}
