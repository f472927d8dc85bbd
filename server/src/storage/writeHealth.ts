/**
 * Whether the store accepts writes, as the last attempts saw it: a store that answers reads but
 * refuses writes (a full disk, a read-only replica) shows in /readyz until a write succeeds again.
 */
export class WriteHealth {
  private failure: { at: number; message: string } | null = null;

  succeeded(): void {
    this.failure = null;
  }

  failed(error: unknown): void {
    this.failure = { at: Date.now(), message: error instanceof Error ? error.message : String(error) };
  }

  /** For /readyz: throws while the last write failed. */
  async check(): Promise<void> {
    if (this.failure)
      throw new Error(`the last write failed at ${new Date(this.failure.at).toISOString()}: ${this.failure.message}`);
  }
}
