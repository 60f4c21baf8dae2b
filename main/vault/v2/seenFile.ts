import { z } from 'zod';
import { openDeviceFile, sealDeviceFile } from './deviceFileSeal';
import type { HeadClaim } from './types';

/** What a device has seen of every log, and the highest key epoch it used (FORMAT.md §9). */
export interface SeenState {
  at: string;
  epoch: number;
  heads: Record<string, HeadClaim>;
}

export const SEEN_FILE = 'seen.bin';
const KIND = { magic: 'ATSN', adLabel: 'attune/v2/seen' };

/** The shape of a seen state, also where this computer keeps its own copy outside the vault. */
export const seenStateSchema = z.strictObject({
  at: z.iso.datetime(),
  epoch: z.number().int().min(0).max(0xffffffff),
  heads: z.record(
    z.string().regex(/^[0-9a-f]{32}$/),
    z.strictObject({
      seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      hash: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

export const encodeSeen = (key: Buffer, vaultId: Buffer, deviceId: Buffer, state: SeenState): Buffer =>
  sealDeviceFile(
    KIND,
    key,
    vaultId,
    deviceId,
    Buffer.from(JSON.stringify(seenStateSchema.parse(state)), 'utf8'),
  );

/** The state, or null when the file is damaged or not authentic (it is rewritten, so the caller just skips it). */
export function decodeSeen(key: Buffer, vaultId: Buffer, deviceId: Buffer, bytes: Buffer): SeenState | null {
  const plain = openDeviceFile(KIND, key, vaultId, deviceId, bytes);
  if (!plain) return null;
  try {
    const parsed = seenStateSchema.safeParse(JSON.parse(plain.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
