/**
 * One device's log (FORMAT.md §6–8): segments in number order, frames, torn tails as
 * FORMAT-v1.md §8, damage, forks, and the hash chain from seq 1. From the text alone.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ascii, openSealed, sha256, u64 } from './bytes';
import { decodePayload, decodePlaintext, type Payload } from './framePayloadV2';
import { type PackRead, readPack } from './packV2';
import { originalName } from './syncArtefactNames';

export interface Frame {
  deviceHex: string;
  seq: number;
  prev: Buffer;
  hash: Buffer;
  payload: Payload;
}

export interface LogProblem {
  type: 'damage' | 'fork' | 'unchained' | 'torn-tail';
  deviceHex: string;
  message: string;
}

export interface DeviceLog {
  deviceHex: string;
  /** Frames chained from seq 1, in seq order. */
  chained: Frame[];
  problems: LogProblem[];
}

const SEGMENT = /^log-(\d{6})\.bin$/;
const PACK = /^pack-(\d{6})\.bin$/;

const MAGIC = ascii('ATF2');
const isZero = (b: Buffer) => b.every((x) => x === 0);

export async function readDeviceLog(
  dir: string,
  deviceHex: string,
  vaultId: Buffer,
  kLog: Buffer,
): Promise<DeviceLog> {
  const folder = join(dir, 'devices', deviceHex);
  const deviceId = Buffer.from(deviceHex, 'hex');
  // Segments in number order, each followed by its conflict copies (§8, §11): a copy is read as
  // more frames of the segment it copies.
  const names = (await readdir(folder))
    .map((file) => ({ file, original: originalName(file, (n) => SEGMENT.test(n)) }))
    .filter((n): n is { file: string; original: string } => n.original !== null)
    .sort((x, y) =>
      x.original === y.original ? (x.file === x.original ? -1 : 1) : x.original < y.original ? -1 : 1,
    );
  const problems: LogProblem[] = [];
  const bySeq = new Map<number, Frame[]>();
  const report = (type: LogProblem['type'], message: string) => problems.push({ type, deviceHex, message });

  // §6.1: the valid pack with the highest K gives frames 1..N; segments below K are not read, and
  // segment K only from offset E. Packs that are not valid are set aside (the segments are read).
  const packNames = (await readdir(folder))
    .filter((n) => PACK.test(n))
    .sort()
    .reverse();
  let pack: Extract<PackRead, { ok: true }> | null = null;
  for (const name of packNames) {
    const read = readPack(
      await readFile(join(folder, name)),
      vaultId,
      deviceId,
      Number(PACK.exec(name)?.[1]),
      kLog,
    );
    if (!read.ok) {
      report('damage', `${name}: ${read.why}`);
      continue;
    }
    pack = read;
    for (const e of read.entries) {
      bySeq.set(e.seq, [
        { deviceHex, seq: e.seq, prev: e.prev, hash: e.hash, payload: decodePayload(e.payload) },
      ]);
    }
    break;
  }

  for (const { file: name, original } of names) {
    const number = Number(SEGMENT.exec(original)?.[1]);
    const isCopy = name !== original;
    if (pack && !isCopy && number < pack.K) continue;
    const bytes = await readFile(join(folder, name));
    if (
      bytes.length < 25 ||
      !bytes.subarray(0, 4).equals(ascii('ATLG')) ||
      bytes[4] !== 2 ||
      !bytes.subarray(5, 21).equals(deviceId) ||
      bytes.readUInt32BE(21) !== number
    ) {
      report('damage', `${name}: segment header does not match its name and folder`);
      continue;
    }
    let pos = pack && !isCopy && number === pack.K ? Math.max(25, pack.E) : 25;
    while (pos < bytes.length) {
      const rest = bytes.subarray(pos);
      if (rest.length < 12) {
        const prefixOfHeader = rest
          .subarray(0, Math.min(4, rest.length))
          .equals(MAGIC.subarray(0, Math.min(4, rest.length)));
        if (prefixOfHeader || isZero(rest))
          report('torn-tail', `${name}: ${rest.length} bytes of an unfinished frame at ${pos}`);
        else report('damage', `${name}: bytes at ${pos} are not a frame`);
        break;
      }
      if (isZero(rest)) {
        report('torn-tail', `${name}: zeros at ${pos}`);
        break;
      }
      const L = rest.readUInt32BE(4);
      if (
        !rest.subarray(0, 4).equals(MAGIC) ||
        rest.readUInt32BE(8) !== (L ^ 0xffffffff) >>> 0 ||
        L < 76 ||
        L > 2 ** 30
      ) {
        report('damage', `${name}: frame header at ${pos} does not match`);
        break;
      }
      if (rest.length < 12 + L) {
        report('torn-tail', `${name}: frame at ${pos} is cut short`);
        break;
      }
      const frameBytes = rest.subarray(0, 12 + L);
      const body = frameBytes.subarray(12);
      const seqBig = body.readBigUInt64BE(0);
      const prev = Buffer.from(body.subarray(8, 40));
      const ad = Buffer.concat([ascii('attune/v2/log'), vaultId, deviceId, u64(Number(seqBig)), prev]);
      const plaintext =
        seqBig > BigInt(Number.MAX_SAFE_INTEGER) ? null : openSealed(kLog, body.subarray(40), ad);
      if (!plaintext) {
        report(
          'damage',
          `${name}: the frame at offset ${pos} fails authentication; the rest of the file is not read`,
        );
        break;
      }
      let payload: Payload;
      try {
        payload = decodePlaintext(plaintext);
      } catch (e) {
        report('damage', `${name}: the frame at offset ${pos}: ${(e as Error).message}`);
        break;
      }
      const frame: Frame = { deviceHex, seq: Number(seqBig), prev, hash: sha256(frameBytes), payload };
      const same = bySeq.get(frame.seq) ?? [];
      if (!same.some((f) => f.hash.equals(frame.hash))) {
        if (same.length > 0) report('fork', `two different frames with seq ${frame.seq} (${name})`);
        bySeq.set(frame.seq, [...same, frame]);
      }
      pos += 12 + L;
    }
  }

  const chained: Frame[] = [];
  let prevHash: Buffer = Buffer.alloc(32);
  for (let s = 1; ; s++) {
    // Of a fork, only a frame whose chain continues from the frames before is used (§8). When
    // both do (one device's folder used on two computers), §8 does not choose: the engine was
    // observed to take the one with the lowest frame hash, so this reader does too.
    const f = bySeq
      .get(s)
      ?.filter((c) => c.prev.equals(prevHash))
      .sort((x, y) => Buffer.compare(x.hash, y.hash))[0];
    if (!f) break;
    chained.push(f);
    prevHash = f.hash;
  }
  const beyond = [...bySeq.keys()].filter((s) => s > chained.length).sort((a, b) => a - b);
  if (beyond.length > 0) {
    const missing = chained.length + 1;
    report(
      'unchained',
      `frames ${beyond.join(', ')} do not chain on: frame ${missing} is ${bySeq.has(missing) ? 'not the one they follow' : 'missing'}`,
    );
  }
  return { deviceHex, chained, problems };
}
