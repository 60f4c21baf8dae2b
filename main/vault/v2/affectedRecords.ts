import type { MergedState } from './MergedState';

/**
 * A record this computer shows (it read the version when the files were intact) whose version
 * can no longer be read from the folder: the frame that held it is damaged, rolled back or gone.
 */
export interface AffectedRecord {
  kind: string;
  id: string;
  /** The device whose log held the version shown here. */
  deviceHex: string;
  /** `missing`: no version of it can be read now; `replaced`: an older or another version would be shown. */
  cause: 'missing' | 'replaced';
}

/**
 * Compares the open vault's state (`live`, built as the files arrived) with a fresh read of the
 * folder (`fresh`): each record whose shown version the fresh read no longer has names a frame
 * that was readable once and is not now. This is how a check says which records a damaged frame
 * held, although the damaged frame itself can no longer be decrypted.
 */
export function affectedRecords(live: MergedState, fresh: MergedState): AffectedRecord[] {
  const out: AffectedRecord[] = [];
  for (const shown of live.records()) {
    const now = fresh.record(shown.kind, shown.id);
    if (now?.heads.some((h) => h.opId === shown.winner.opId)) continue;
    out.push({
      kind: shown.kind,
      id: shown.id,
      deviceHex: shown.winner.deviceHex,
      cause: now && !now.deleted ? 'replaced' : 'missing',
    });
  }
  return out;
}
