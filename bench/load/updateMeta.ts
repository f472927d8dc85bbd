/**
 * The clock range of each writer in a Yjs (v1) update — what `Y.parseUpdateMeta` returns — read
 * without decoding any content. `Y.parseUpdateMeta` builds every struct, so it parses each JSON
 * value and decodes each string only to learn the struct's length; a viewer that counts updates
 * (a comment thread per update in S16, 50 viewers) spent most of its CPU there. This walks the
 * same encoding (yjs' lazyStructReaderGenerator, UpdateDecoderV1, each Content*'s read) and
 * steps over content by its encoded length. Only a string item's length needs its bytes: it is
 * counted in UTF-16 code units, as the decoded string's `length` would be.
 */

export interface UpdateMeta {
  /** First clock, per client id. */
  from: Map<number, number>;
  /** End clock (exclusive), per client id. */
  to: Map<number, number>;
}

const BITS5 = 31;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;

/** Content kinds (an item's info & BITS5), as in yjs' contentRefs. */
const DELETED = 1;
const JSON_ = 2;
const BINARY = 3;
const STRING = 4;
const EMBED = 5;
const FORMAT = 6;
const TYPE = 7;
const ANY = 8;
const DOC = 9;
const SKIP = 10;
/** Type refs whose reader reads a key (YXmlElement, YXmlHook). */
const XML_ELEMENT = 3;
const XML_HOOK = 5;

class Reader {
  pos = 0;
  readonly arr: Uint8Array;
  // A plain field, not a parameter property: the bench runs on Node's type stripping.
  constructor(arr: Uint8Array) {
    this.arr = arr;
  }

  varUint(): number {
    const arr = this.arr;
    let num = 0;
    let mult = 1;
    while (this.pos < arr.length) {
      const r = arr[this.pos++]!;
      num += (r & 127) * mult;
      if (r < 128) return num;
      mult *= 128;
      if (num > Number.MAX_SAFE_INTEGER) throw new Error('updateMeta: integer out of range');
    }
    throw new Error('updateMeta: unexpected end of update');
  }

  /** Steps over a varint or varuint (both end at the first byte without the continuation bit). */
  skipVarNumber(): void {
    const arr = this.arr;
    while (this.pos < arr.length) if (arr[this.pos++]! < 128) return;
    throw new Error('updateMeta: unexpected end of update');
  }

  skip(bytes: number): void {
    this.pos += bytes;
    if (this.pos > this.arr.length) throw new Error('updateMeta: unexpected end of update');
  }

  /** Steps over a length-prefixed string or byte array. */
  skipVarBytes(): void {
    this.skip(this.varUint());
  }

  /** Steps over a string, returning its length in UTF-16 code units (4-byte sequences are surrogate pairs). */
  stringLength(): number {
    const bytes = this.varUint();
    const arr = this.arr;
    const end = this.pos + bytes;
    if (end > arr.length) throw new Error('updateMeta: unexpected end of update');
    let units = 0;
    for (let i = this.pos; i < end; i++) {
      const b = arr[i]!;
      if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
    }
    this.pos = end;
    return units;
  }

  /** Steps over a value written by lib0's writeAny. */
  skipAny(): void {
    const tag = this.arr[this.pos++];
    switch (tag) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125: // integer
        this.skipVarNumber();
        return;
      case 124: // float32
        this.skip(4);
        return;
      case 123: // float64
      case 122: // bigint64
        this.skip(8);
        return;
      case 119: // string
      case 116: // Uint8Array
        this.skipVarBytes();
        return;
      case 118: {
        // object: key, value pairs
        const n = this.varUint();
        for (let i = 0; i < n; i++) {
          this.skipVarBytes();
          this.skipAny();
        }
        return;
      }
      case 117: {
        const n = this.varUint();
        for (let i = 0; i < n; i++) this.skipAny();
        return;
      }
      default:
        throw new Error(`updateMeta: unknown value tag ${tag}`);
    }
  }

  /** Steps over an item's content (per its kind), returning the item's length. */
  content(kind: number): number {
    switch (kind) {
      case DELETED:
        return this.varUint();
      case JSON_: {
        const n = this.varUint();
        for (let i = 0; i < n; i++) this.skipVarBytes();
        return n;
      }
      case BINARY:
      case EMBED:
        this.skipVarBytes();
        return 1;
      case STRING:
        return this.stringLength();
      case FORMAT:
        this.skipVarBytes(); // key
        this.skipVarBytes(); // JSON value
        return 1;
      case TYPE: {
        const ref = this.varUint();
        if (ref === XML_ELEMENT || ref === XML_HOOK)
          this.skipVarBytes(); // node name / hook name
        else if (ref > 6) throw new Error(`updateMeta: unknown type ref ${ref}`);
        return 1;
      }
      case ANY: {
        const n = this.varUint();
        for (let i = 0; i < n; i++) this.skipAny();
        return n;
      }
      case DOC:
        this.skipVarBytes(); // guid
        this.skipAny(); // options
        return 1;
      default:
        throw new Error(`updateMeta: unknown content kind ${kind}`);
    }
  }
}

/** `Y.parseUpdateMeta(update)` for a v1 update, without decoding content. */
export function readUpdateMeta(update: Uint8Array): UpdateMeta {
  const from = new Map<number, number>();
  const to = new Map<number, number>();
  const reader = new Reader(update);
  // As parseUpdateMeta: a client's range opens at its first struct and closes when another client's begins.
  let currClient = -1;
  let currClock = 0;
  const sections = reader.varUint();
  for (let s = 0; s < sections; s++) {
    const structs = reader.varUint();
    const client = reader.varUint();
    let clock = reader.varUint();
    for (let i = 0; i < structs; i++) {
      if (client !== currClient) {
        if (currClient !== -1) to.set(currClient, currClock);
        from.set(client, clock);
        currClient = client;
      }
      const info = reader.arr[reader.pos++];
      if (info === undefined) throw new Error('updateMeta: unexpected end of update');
      let length: number;
      if (info === SKIP) {
        length = reader.varUint();
      } else if ((info & BITS5) !== 0) {
        if ((info & BIT8) !== 0) {
          reader.skipVarNumber(); // origin client
          reader.skipVarNumber(); // origin clock
        }
        if ((info & BIT7) !== 0) {
          reader.skipVarNumber(); // right origin client
          reader.skipVarNumber(); // right origin clock
        }
        if ((info & (BIT7 | BIT8)) === 0) {
          // No origin to copy the parent from: the parent (a root type's name, or an item's id), and the key.
          if (reader.varUint() === 1) reader.skipVarBytes();
          else {
            reader.skipVarNumber();
            reader.skipVarNumber();
          }
          if ((info & BIT6) !== 0) reader.skipVarBytes();
        }
        length = reader.content(info & BITS5);
      } else {
        length = reader.varUint(); // GC
      }
      clock += length;
      currClock = clock;
    }
  }
  if (currClient !== -1) to.set(currClient, currClock);
  return { from, to };
}
