import { assertAuditInput } from '../auditLog';
import type { SyncedAuditRequest } from './syncedVaultTypes';

/**
 * The audit types format 2 adds to format 1's list (FORMAT.md §12–14). 'format-upgrade' is
 * written by the upgrade itself, and must pass here too: key rotation carries an upgraded vault's
 * whole trail, that entry included, into the new vault.
 */
const SYNCED_ONLY_TYPES = new Set<string>(['device-join', 'conflict-resolved', 'format-upgrade']);

export function assertSyncedAudit(request: SyncedAuditRequest): void {
  // Format 1's checks, with the types format 2 adds.
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
