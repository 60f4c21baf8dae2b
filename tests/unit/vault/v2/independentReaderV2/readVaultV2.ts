/**
 * An independent reader of Attune vault format 2, written from FORMAT.md (and the parts of
 * FORMAT-v1.md it refers to) alone: node:crypto, node:fs and hash-wasm, nothing from main/vault.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type AuditEntry, readAudit } from './auditLogV2';
import { type Frame, type LogProblem, readDeviceLog } from './deviceLogV2';
import { type KeysFile, readKeysFiles, type Secret, unlock } from './keySlotsV2';
import { readMarker } from './markerV2';
import { type Conflict, mergeLogs, type RecordState } from './mergedStateV2';
import { type Presence, readPresence } from './presenceV2';
import { type ClaimProblem, checkClaims, readSeen, type Seen } from './seenClaimsV2';

export interface Problem {
  type: LogProblem['type'] | ClaimProblem['type'] | 'audit-chain' | 'keys-damaged' | 'not-applied';
  deviceHex: string;
  message: string;
}

export interface VaultRead {
  vaultId: string;
  epoch: number;
  /** The keys.json whose slot opened (the winner is what devices converge to). */
  openedFrom: string;
  winner: KeysFile;
  /** Every keys.json with a valid checksum, with its epoch. */
  keysEpochs: Map<string, number>;
  records: RecordState[];
  conflicts: Conflict[];
  audit: AuditEntry[];
  deviceNames: Map<string, string>;
  appliedSeq: Map<string, number>;
  presence: Map<string, Presence>;
  problems: Problem[];
}

export async function readVaultV2(
  dir: string,
  secret: Secret,
  options: { self?: string } = {},
): Promise<VaultRead> {
  const vaultId = await readMarker(dir);
  const devices = (await readdir(join(dir, 'devices'))).filter((n) => /^[0-9a-f]{32}$/.test(n)).sort();
  const { files, damaged } = await readKeysFiles(dir, devices, vaultId);
  const problems: Problem[] = damaged.map((d) => ({
    type: 'keys-damaged',
    deviceHex: d,
    message: `keys.json of ${d} is damaged`,
  }));
  const { keys, epoch, winner, opened } = await unlock(files, vaultId, secret);

  const chains = new Map<string, Frame[]>();
  for (const d of devices) {
    const log = await readDeviceLog(dir, d, vaultId, keys.log);
    chains.set(d, log.chained);
    problems.push(...log.problems);
  }
  const merged = mergeLogs(chains);
  for (const f of merged.waiting) {
    problems.push({
      type: 'not-applied',
      deviceHex: f.deviceHex,
      message: `frame ${f.seq} waits for a parent that has not arrived`,
    });
  }
  const appliedByDevice = new Map<string, Frame[]>(
    devices.map((d) => [d, (chains.get(d) ?? []).slice(0, merged.appliedSeq.get(d) ?? 0)]),
  );
  const seens = new Map<string, Seen>();
  for (const d of devices) {
    const seen = await readSeen(dir, d, vaultId, keys.seen);
    if (seen) seens.set(d, seen);
  }
  const presence = new Map<string, Presence>();
  for (const d of devices) {
    const p = await readPresence(dir, d, vaultId, keys.presence);
    if (p) presence.set(d, p);
  }
  const keysEpochs = new Map(files.map((f) => [f.deviceHex, f.epoch]));
  problems.push(...checkClaims(seens, appliedByDevice, merged.deviceNames, options.self, keysEpochs));
  const audit = readAudit(merged.applied);
  problems.push(...audit.breaks.map((message) => ({ type: 'audit-chain' as const, deviceHex: '', message })));
  return {
    vaultId: vaultId.toString('hex'),
    epoch,
    openedFrom: opened.deviceHex,
    winner,
    keysEpochs,
    records: merged.records,
    conflicts: merged.conflicts,
    audit: audit.entries,
    deviceNames: merged.deviceNames,
    appliedSeq: merged.appliedSeq,
    presence,
    problems,
  };
}
