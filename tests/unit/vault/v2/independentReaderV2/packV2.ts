/**
 * A device's pack (FORMAT.md §6.1), from the text alone: the file header, the chained pack frames
 * under K_log, and the entries seq 1..N each chained to the one before. Returns the frames, or why
 * the pack is not valid (a reader then reads the segments instead).
 */
import { ascii, openSealed, sha256, u32, u64 } from './bytes';
import { unpad } from './framePayloadV2';

export interface PackEntry {
  seq: number;
  prev: Buffer;
  hash: Buffer;
  /** u32(M) || meta || values, unpadded. */
  payload: Buffer;
}

export type PackRead =
  | { ok: true; K: number; N: number; E: number; entries: PackEntry[] }
  | { ok: false; why: string };

export function readPack(
  bytes: Buffer,
  vaultId: Buffer,
  deviceId: Buffer,
  K: number,
  kLog: Buffer,
): PackRead {
  const fail = (why: string): PackRead => ({ ok: false, why });
  if (bytes.length < 41) return fail('shorter than the header');
  if (!bytes.subarray(0, 4).equals(ascii('ATPK')) || bytes[4] !== 2) return fail('not a pack header');
  if (!bytes.subarray(5, 21).equals(deviceId)) return fail('another device');
  if (bytes.readUInt32BE(21) !== K) return fail('K is not the name’s number');
  const N = Number(bytes.readBigUInt64BE(25));
  const E = Number(bytes.readBigUInt64BE(33));
  const entries: PackEntry[] = [];
  let prevPack: Buffer = Buffer.alloc(32);
  let prev: Buffer = Buffer.alloc(32);
  let pos = 41;
  for (let i = 1; pos < bytes.length; i++) {
    if (bytes.length - pos < 12) return fail('a pack frame is cut short');
    const L = bytes.readUInt32BE(pos + 4);
    if (
      !bytes.subarray(pos, pos + 4).equals(ascii('ATP2')) ||
      bytes.readUInt32BE(pos + 8) !== (L ^ 0xffffffff) >>> 0
    )
      return fail('a pack frame header does not match');
    if (bytes.length - pos < 12 + L) return fail('a pack frame is cut short');
    const frame = bytes.subarray(pos, pos + 12 + L);
    const body = frame.subarray(12);
    if (Number(body.readBigUInt64BE(0)) !== i || !body.subarray(8, 40).equals(prevPack))
      return fail(`pack frame ${i} is out of order`);
    const ad = Buffer.concat([
      ascii('attune/v2/pack'),
      vaultId,
      deviceId,
      u32(K),
      u64(N),
      u64(E),
      u64(i),
      prevPack,
    ]);
    const plaintext = openSealed(kLog, body.subarray(40), ad);
    if (!plaintext) return fail(`pack frame ${i} fails authentication`);
    const list = unpad(plaintext);
    for (let at = 0; at < list.length; ) {
      const seq = Number(list.readBigUInt64BE(at));
      const entryPrev = list.subarray(at + 8, at + 40);
      const hash = list.subarray(at + 40, at + 72);
      const S = list.readUInt32BE(at + 72);
      if (seq !== entries.length + 1 || !entryPrev.equals(prev)) return fail(`entry ${seq} does not follow`);
      entries.push({ seq, prev: entryPrev, hash, payload: list.subarray(at + 76, at + 76 + S) });
      prev = hash;
      at += 76 + S;
    }
    prevPack = sha256(frame);
    pos += 12 + L;
  }
  if (entries.length !== N) return fail(`${entries.length} entries, the header says ${N}`);
  return { ok: true, K, N, E, entries };
}
