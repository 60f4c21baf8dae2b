import { followChain, GENESIS_HASH } from '../auditLog';
import { sha256Hex } from '../binary';
import type { AuditHead } from '../manifest';

/** One audit entry of one device, with what the merged log is ordered by. */
export interface AuditLine {
  deviceHex: string;
  at: string;
  /** Position in the device's chain, from 1 (the entry's own seq when the chain is whole). */
  seq: number;
  text: string;
}

/**
 * One device's audit entries, checked as a chain as they are applied (FORMAT.md §7: one chain
 * per device, from seq 1 and 64 zeros), with format 1's followChain.
 */
export class DeviceAuditChain {
  private head: AuditHead = { seq: 0, hash: GENESIS_HASH };
  readonly lines: AuditLine[] = [];
  /** Breaks found, in format 1's words ("entry 5 does not follow the one before it"). */
  readonly problems: string[] = [];

  constructor(readonly deviceHex: string) {}

  /** Adds the device's next entry; `frameAt` stands in for an entry whose own `at` cannot be read. */
  add(text: string, frameAt: string): void {
    const seq = this.lines.length + 1;
    const next = followChain(this.head, text);
    if ('problem' in next) {
      const claimed = claimedFields(text);
      // followChain checks seq and prev before the type, so "malformed" with a format-2 type and a
      // readable `at` means the entry chains and only its type is new to format 1's list.
      const formatTwoEntry =
        next.problem.endsWith('is malformed') &&
        claimed.at !== undefined &&
        FORMAT_2_AUDIT_TYPES.has(claimed.type ?? '');
      if (!formatTwoEntry) this.problems.push(next.problem);
      // After a break, carry on from this entry, so one bad entry is one problem, not one per later entry.
      this.head = {
        seq: formatTwoEntry ? this.head.seq + 1 : (claimed.seq ?? this.head.seq + 1),
        hash: sha256Hex(text),
      };
      this.lines.push({ deviceHex: this.deviceHex, at: claimed.at ?? frameAt, seq, text });
      return;
    }
    this.head = next.head;
    this.lines.push({ deviceHex: this.deviceHex, at: next.entry.at, seq, text });
  }
}

/** Audit types format 2 adds to format 1's (§12 conflict-resolved, §13 device-join, §14 format-upgrade). */
const FORMAT_2_AUDIT_TYPES = new Set(['device-join', 'conflict-resolved', 'format-upgrade']);

function claimedFields(text: string): { seq?: number; at?: string; type?: string } {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { seq, at, type } = parsed as { seq?: unknown; at?: unknown; type?: unknown };
    return {
      ...(Number.isSafeInteger(seq) ? { seq: seq as number } : {}),
      ...(typeof at === 'string' ? { at } : {}),
      ...(typeof type === 'string' ? { type } : {}),
    };
  } catch {
    return {};
  }
}

/** Merged order of every device's entries (FORMAT.md §12): `at`, then device hex, then seq. */
export function compareAuditLines(a: AuditLine, b: AuditLine): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.deviceHex !== b.deviceHex) return a.deviceHex < b.deviceHex ? -1 : 1;
  return a.seq - b.seq;
}
