import { assertAuditInput } from '../auditLog';
import type { SyncedAuditRequest } from './syncedVaultTypes';

/** The audit types format 2 adds to format 1's list (FORMAT-v2.md §7). */
const SYNCED_ONLY_TYPES = new Set<string>(['device-join', 'conflict-resolved']);

export function assertSyncedAudit(request: SyncedAuditRequest): void {
  // Format 1's checks, with the two types format 2 adds.
  assertAuditInput(SYNCED_ONLY_TYPES.has(request.type) ? 'update' : request.type, request.detail);
}

export function auditFor(
  audit: SyncedAuditRequest,
  records: Array<{ kind: string; id: string }>,
): SyncedAuditRequest {
  const first = records[0];
  if (records.length === 1 && first)
    return { type: audit.type, detail: { kind: first.kind, id: first.id, ...audit.detail } };
  return { type: audit.type, detail: { records: records.length, ...audit.detail } };
}
