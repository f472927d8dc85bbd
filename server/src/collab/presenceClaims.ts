/**
 * The order of presence claims: which connection, here or on another instance, last began to speak
 * for an awareness client id (a provider whose network went comes back on another socket with its
 * client id). Claims cross between instances on the cluster bus, which keeps no order between two
 * instances' messages, and a dead socket's frames can reach its instance late: a network that drops
 * twice in quick succession (A, then B, then A again) could bring B's claim to A after A's own, newer
 * one, and A let go of the live connection; a claim that arrived before the state it was about
 * found no connection to let go of, and the dead socket took the id afterwards. Each claim
 * therefore carries the clock of the awareness state it was made with (the provider raises it at
 * each open, client/src/collab/renewPresenceOnOpen.ts), and the time it was made to part equal
 * clocks (a client that does not raise it); the latest claim of a client id wins, wherever and in
 * whatever order it is heard.
 */

/** A connection began to speak for a client id, with the state's clock, at `at` (ms). */
export interface PresenceClaim {
  documentName: string;
  clientId: number;
  userId: string;
  clock: number;
  at: number;
}

/**
 * A claim is remembered for longer than an instance takes to notice a dead socket (30 to 60 s):
 * after that, nothing that socket sent can still arrive.
 */
export const CLAIM_MEMORY_MS = 120_000;
const PRUNE_EVERY_MS = 10_000;

/** Whether `claim` was made before `than`: a lower clock, or the same clock earlier. */
function isOlder(claim: PresenceClaim, than: PresenceClaim): boolean {
  return claim.clock < than.clock || (claim.clock === than.clock && claim.at < than.at);
}

export class PresenceClaims {
  private readonly publish: ((claim: PresenceClaim) => void) | undefined;
  /** The latest claim of each client id, by document, with when it is forgotten. */
  private readonly latest = new Map<string, { claim: PresenceClaim; until: number }>();
  private prunedAt = 0;

  /** `publish`: tells the other instances of a claim made here (several instances only). */
  constructor(publish?: (claim: PresenceClaim) => void) {
    this.publish = publish;
  }

  /** A connection here began to speak for the client id: remembered, and told to the others. */
  claimedHere(claim: PresenceClaim): void {
    this.remember(claim);
    this.publish?.(claim);
  }

  /**
   * Another instance's claim: remembered, and true, unless a later claim of the client id was seen
   * already (here or there), which keeps it. Remembered even when no connection here speaks for the
   * id yet: the state of the connection it supersedes may arrive after it (`supersedes`).
   */
  heard(claim: PresenceClaim): boolean {
    const known = this.get(claim);
    if (known && isOlder(claim, known)) return false;
    this.remember(claim);
    return true;
  }

  /**
   * Whether the same person already claimed the client id later than `claim`, on this instance or
   * another: the state comes from a connection the provider has left (a dead socket's frames arriving
   * late), and must not take the id back.
   */
  superseded(claim: PresenceClaim): boolean {
    const known = this.get(claim);
    return known !== undefined && known.userId === claim.userId && isOlder(claim, known);
  }

  private get(claim: PresenceClaim): PresenceClaim | undefined {
    const entry = this.latest.get(keyOf(claim));
    return entry && entry.until > Date.now() ? entry.claim : undefined;
  }

  private remember(claim: PresenceClaim): void {
    const now = Date.now();
    const known = this.get(claim);
    if (!known || !isOlder(claim, known)) this.latest.set(keyOf(claim), { claim, until: now + CLAIM_MEMORY_MS });
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    for (const [key, { until }] of this.latest) if (until <= now) this.latest.delete(key);
  }
}

function keyOf(claim: PresenceClaim): string {
  return `${claim.clientId}\u0000${claim.documentName}`;
}
