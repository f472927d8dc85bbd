/**
 * Measures what crafted Yjs updates (the class of yjs/yjs#687: lengths and counts that the
 * decoder trusts) cost the server's decoder: time and memory for each, as Y.applyUpdate (the path
 * a writer's update takes through Hocuspocus) sees it. Run: node scripts/measureCraftedUpdates.ts
 * The figures are quoted in README.md ("Security and reliability").
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { structBomb } from '../test/helpers/craftedUpdates.ts';

const MAX_FRAME = 2 * 1024 * 1024;
/** The default MAX_UPDATE_BYTES of the server. */
const MAX_UPDATE = 512 * 1024;

function structs(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** V1 update: number of clients, then per client (struct count, client, clock, structs…), then a delete set. */
const crafted: Record<string, Uint8Array> = {
  'struct count 2^31 with nothing behind it': structs((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 2 ** 31);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 0);
  }),
  'client count 2^31 with nothing behind it': structs((e) => encoding.writeVarUint(e, 2 ** 31)),
  'a GC struct 2^50 long': structs((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 7);
    encoding.writeVarUint(e, 0);
    encoding.writeUint8(e, 0); // GC
    encoding.writeVarUint(e, 2 ** 50);
    encoding.writeVarUint(e, 0); // empty delete set
  }),
  'a skip struct 2^50 long': structs((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 7);
    encoding.writeVarUint(e, 0);
    encoding.writeUint8(e, 10); // Skip
    encoding.writeVarUint(e, 2 ** 50);
    encoding.writeVarUint(e, 0);
  }),
  'a delete set of 2^31 clients': structs((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2 ** 31);
  }),
  'a delete range 2^50 long': structs((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 7);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2 ** 50);
  }),
  'a frame-sized run of continuation bytes (an endless varint)': new Uint8Array(MAX_FRAME).fill(0xff),
  'a frame-sized (2 MiB) run of one-item structs': structBomb(MAX_FRAME, 9).update,
  'an update-sized (512 KiB) run of one-item structs': structBomb(MAX_UPDATE, 9).update,
};

const rows: string[] = [];
for (const [name, update] of Object.entries(crafted)) {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'a document with some text');
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  let outcome = 'applied';
  try {
    Y.applyUpdate(doc, update);
  } catch (error) {
    outcome = `refused (${(error as Error).message.slice(0, 40)})`;
  }
  const ms = performance.now() - started;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  rows.push(`| ${name} | ${update.length} | ${ms.toFixed(1)} | ${heapMb.toFixed(1)} | ${outcome} |`);
}
console.log(
  `Node ${process.versions.node}, yjs ${(await import('yjs/package.json', { with: { type: 'json' } })).default.version}\n`,
);
console.log('| crafted update | bytes | ms | heap MB | outcome |\n| --- | --- | --- | --- | --- |');
console.log(rows.join('\n'));
