/**
 * Crafted Yjs updates (yjs/yjs#687) for the hostile-client tests and for
 * scripts/measureCraftedUpdates.ts, so that what is measured is what is tested.
 */
import * as encoding from 'lib0/encoding';

/**
 * A valid V1 update declaring as many one-item structs of one client as `bytes` allow (from
 * clock `clock` on): the most decoding work per byte sent. `next` is the clock after it, for an
 * update that continues this one and is therefore applied in full too.
 */
export function structBomb(bytes: number, client: number, clock = 0): { update: Uint8Array; next: number } {
  const count = Math.floor((bytes - 24) / 2);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, count);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  for (let i = 0; i < count; i++) {
    encoding.writeUint8(e, 0);
    encoding.writeVarUint(e, 1);
  }
  encoding.writeVarUint(e, 0);
  return { update: encoding.toUint8Array(e), next: clock + count };
}
