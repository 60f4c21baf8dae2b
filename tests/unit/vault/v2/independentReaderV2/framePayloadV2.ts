/** The padded plaintext and payload of a frame, FORMAT.md §7, from the text alone. */

export function padme(L: number): number {
  const E = Math.floor(Math.log2(L));
  const S = Math.floor(Math.log2(E)) + 1;
  const z = E - S;
  const mask = 2 ** z - 1;
  // Bit operations would overflow 32 bits for large L; arithmetic does the same rounding.
  return Math.ceil(L / (mask + 1)) * (mask + 1);
}

export type Op =
  | { op: 'put'; kind: string; id: string; parents: string[]; size: number }
  | { op: 'delete'; kind: string; id: string; parents: string[] }
  | { op: 'device'; name: string };

export interface Payload {
  at: string;
  ops: Op[];
  audit: string[];
  /** The put ops' values, parsed, in op order (undefined for non-put ops). */
  values: Array<unknown | undefined>;
}

/** The payload inside a padded plaintext (§7); throws (damage) on bad padding or lengths. */
export function unpad(plaintext: Buffer): Buffer {
  if (plaintext.length < 4) throw new Error('plaintext shorter than its length field');
  const P = plaintext.readUInt32BE(0);
  if (4 + P > plaintext.length) throw new Error('payload length beyond the plaintext');
  if (plaintext.length !== padme(Math.max(4 + P, 1024)))
    throw new Error('plaintext length is not padme(max(4+P,1024))');
  if (plaintext.subarray(4 + P).some((b) => b !== 0)) throw new Error('padding is not zero');
  return plaintext.subarray(4, 4 + P);
}

/** Decodes a frame's plaintext; throws (damage) on bad padding, lengths or JSON. */
export function decodePlaintext(plaintext: Buffer): Payload {
  return decodePayload(unpad(plaintext));
}

/** Decodes a payload (`u32(M) || meta || values`, §7), as a frame or a pack entry holds it. */
export function decodePayload(payload: Buffer): Payload {
  const M = payload.readUInt32BE(0);
  const meta = JSON.parse(payload.subarray(4, 4 + M).toString('utf8')) as {
    at: string;
    ops: Op[];
    audit?: string[];
  };
  let pos = 4 + M;
  const values: Array<unknown | undefined> = [];
  for (const op of meta.ops) {
    if (op.op !== 'put') {
      values.push(undefined);
      continue;
    }
    const text = payload.subarray(pos, pos + op.size);
    if (text.length !== op.size) throw new Error('value shorter than its size');
    values.push(JSON.parse(text.toString('utf8')));
    pos += op.size;
  }
  if (pos !== payload.length) throw new Error('bytes after the last value');
  return { at: meta.at, ops: meta.ops, audit: meta.audit ?? [], values };
}
