import { join } from 'node:path';
import { fsyncDir } from '../atomicWrite';
import { sha256Hex } from '../binary';
import { writeNewFile } from '../folderTree';
import { DEFAULT_SEGMENT_BYTES } from './deviceLogWriter';
import { encodeFramePayload } from './framePayload';
import { KEYS_FILE, type KeySlots, serializeKeySlots } from './keySlots';
import { encodeLogFrame, encodeSegmentHeader, ZERO_HASH } from './logFrame';
import { MARKER_FILE, markerBytes } from './marker';
import { DEVICES_DIR } from './readAllLogs';
import { segmentFileName } from './syncNames';
import type { FramePayload, LogOp } from './types';
import type { VaultFs } from '../vaultFs';

/** One record of the format-1 vault: its kind, id and the exact JSON text of its value. */
export interface Format1Record {
  kind: string;
  id: string;
  json: string;
}

/** Values (and audit texts) per frame, as FORMAT.md §14 says: a frame stays a modest size. */
export const UPGRADE_BATCH_BYTES = 64 * 1024;

/**
 * The audit entry that closes the carried-over format-1 chain (FORMAT.md §14). Written by hand
 * rather than by makeAuditEntry, whose types are format 1's; the text has the same shape and key
 * order as every other entry, so the chain check reads it like any other.
 */
export function upgradeAuditText(
  head: { seq: number; hash: string },
  at: Date,
  detail: { records: number; format1Entries: number },
): string {
  return JSON.stringify({
    seq: head.seq + 1,
    at: at.toISOString(),
    type: 'format-upgrade',
    detail: { from: 1, ...detail },
    prev: head.hash,
  });
}

/** Splits `items` into runs whose sizes add up to at most `limit` (an item larger than that alone). */
function batches<T>(items: readonly T[], size: (item: T) => number, limit: number): T[][] {
  const out: T[][] = [];
  let run: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (run.length > 0 && bytes + size(item) > limit) {
      out.push(run);
      run = [];
      bytes = 0;
    }
    run.push(item);
    bytes += size(item);
  }
  if (run.length > 0) out.push(run);
  return out;
}

/**
 * Writes a complete format-2 vault into `dir` (which must not exist) holding the format-1 vault's
 * records and audit trail as the first frames of one device (FORMAT.md §14): `keys.json`, the
 * log segments (each file written whole and fsynced), and the marker last, so that until the very
 * end the folder is not a vault. The device's audit chain starts with format 1's entries, text for
 * text (same seq, times and hashes), and ends with a 'format-upgrade' entry.
 */
export async function writeUpgradedVault(args: {
  fs: VaultFs;
  dir: string;
  vaultId: Buffer;
  logKey: Buffer;
  slots: KeySlots;
  device: { hex: string; name: string };
  records: readonly Format1Record[];
  auditTexts: readonly string[];
  at: Date;
  onProgress?: (done: number, total: number) => void;
}): Promise<void> {
  const { fs, dir } = args;
  const deviceId = Buffer.from(args.device.hex, 'hex');
  const deviceDir = join(dir, DEVICES_DIR, args.device.hex);
  await fs.mkdir(dir, { mode: 0o700 });
  await fs.mkdir(join(dir, DEVICES_DIR), { mode: 0o700 });
  await fs.mkdir(deviceDir, { mode: 0o700 });
  await writeNewFile(fs, join(deviceDir, KEYS_FILE), serializeKeySlots(args.slots));

  const at = args.at.toISOString();
  const auditRuns = batches(args.auditTexts, (t) => Buffer.byteLength(t), UPGRADE_BATCH_BYTES);
  const values = args.records.map((r) => ({ r, value: Buffer.from(r.json, 'utf8') }));
  const recordRuns = batches(values, (v) => v.value.length, UPGRADE_BATCH_BYTES);
  const lastAudit = args.auditTexts.at(-1);
  const head = lastAudit
    ? { seq: args.auditTexts.length, hash: sha256Hex(lastAudit) }
    : { seq: 0, hash: '0'.repeat(64) };
  const closing = upgradeAuditText(head, args.at, {
    records: args.records.length,
    format1Entries: args.auditTexts.length,
  });
  const device: LogOp = { op: 'device', name: args.device.name };
  const payloads: Array<Omit<FramePayload, 'at'> & { records: number }> = [
    { ops: [device], audit: auditRuns[0] ?? [], values: [], records: 0 },
    ...auditRuns.slice(1).map((audit) => ({ ops: [], audit, values: [], records: 0 })),
    ...recordRuns.map((run) => ({
      ops: run.map(
        ({ r, value }): LogOp => ({ op: 'put', kind: r.kind, id: r.id, parents: [], size: value.length }),
      ),
      audit: [],
      values: run.map((v) => v.value),
      records: run.length,
    })),
    { ops: [], audit: [closing], values: [], records: 0 },
  ];

  const total = args.records.length;
  let done = 0;
  args.onProgress?.(0, total);
  let segment = 1;
  let chunks: Buffer[] = [encodeSegmentHeader(deviceId, segment)];
  let length = chunks[0]?.length ?? 0;
  const flush = async () => {
    await writeNewFile(fs, join(deviceDir, segmentFileName(segment)), Buffer.concat(chunks));
  };
  let prev = ZERO_HASH;
  for (const [i, p] of payloads.entries()) {
    // A segment is full once it holds 8 MiB (FORMAT.md §6); the next frame starts a new one.
    if (length >= DEFAULT_SEGMENT_BYTES) {
      await flush();
      segment++;
      chunks = [encodeSegmentHeader(deviceId, segment)];
      length = chunks[0]?.length ?? 0;
    }
    const payload = encodeFramePayload({ at, ops: p.ops, audit: p.audit, values: p.values });
    const frame = encodeLogFrame(args.logKey, args.vaultId, deviceId, i + 1, prev, payload);
    payload.fill(0); // note text
    prev = frame.hash;
    chunks.push(frame.bytes);
    length += frame.bytes.length;
    if (p.records > 0) {
      done += p.records;
      args.onProgress?.(done, total);
    }
  }
  await flush();
  await fsyncDir(fs, deviceDir);
  await fsyncDir(fs, join(dir, DEVICES_DIR));
  // The marker last (FORMAT.md §13 Create): until it exists the folder is not a vault.
  await writeNewFile(fs, join(dir, MARKER_FILE), markerBytes(args.vaultId));
  await fsyncDir(fs, dir);
}
