import type { OpId } from './types';

const OP_ID = /^([0-9a-f]{32}):([1-9][0-9]{0,15}):([0-9]{1,9})$/;

/** The parts of an op id `<deviceId hex>:<seq>:<index>` (FORMAT.md §1), or null if it is not one. */
export function parseOpId(id: OpId): { deviceHex: string; seq: number; index: number } | null {
  const m = OP_ID.exec(id);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const seq = Number(m[2]);
  if (!Number.isSafeInteger(seq)) return null;
  return { deviceHex: m[1], seq, index: Number(m[3]) };
}
