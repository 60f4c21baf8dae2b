/**
 * The audit log of FORMAT.md §7 and §12: format 1's entry texts (FORMAT-v1.md §10), one hash
 * chain per device, merged by `at`, then device id, then seq. From the text alone.
 */
import { sha256 } from './bytes';
import type { Frame } from './deviceLogV2';

export interface AuditEntry {
  deviceHex: string;
  text: string;
  seq: number;
  at: string;
  type: string;
  detail: Record<string, string | number | boolean>;
  prev: string;
}

export interface AuditResult {
  entries: AuditEntry[];
  /** Breaks of a device's chain, in words; empty when every chain holds. */
  breaks: string[];
}

const KEY_ORDER = ['seq', 'at', 'type', 'detail', 'prev'];

export function readAudit(applied: Frame[]): AuditResult {
  const byDevice = new Map<string, Frame[]>();
  for (const f of applied) byDevice.set(f.deviceHex, [...(byDevice.get(f.deviceHex) ?? []), f]);
  const entries: AuditEntry[] = [];
  const breaks: string[] = [];
  for (const [d, frames] of byDevice) {
    let prev = '0'.repeat(64);
    let seq = 0;
    for (const f of [...frames].sort((a, b) => a.seq - b.seq)) {
      for (const text of f.payload.audit) {
        const e = JSON.parse(text) as Omit<AuditEntry, 'deviceHex' | 'text'>;
        seq += 1;
        if (Object.keys(e).join() !== KEY_ORDER.join())
          breaks.push(`${d}: entry ${seq} has keys ${Object.keys(e).join()}`);
        if (e.seq !== seq) breaks.push(`${d}: entry seq ${e.seq} where ${seq} was expected`);
        if (e.prev !== prev) breaks.push(`${d}: entry ${e.seq} does not follow the previous entry`);
        prev = sha256(Buffer.from(text, 'utf8')).toString('hex');
        entries.push({ ...e, deviceHex: d, text });
      }
    }
  }
  entries.sort((a, b) =>
    a.at !== b.at
      ? a.at < b.at
        ? -1
        : 1
      : a.deviceHex !== b.deviceHex
        ? a.deviceHex < b.deviceHex
          ? -1
          : 1
        : a.seq - b.seq,
  );
  return { entries, breaks };
}
