import { join } from 'node:path';
import { readSmallFile } from '../readSmallFile';
import type { VaultFs } from '../vaultFs';
import { type AbsentLog, absentLog, absentOtherLog } from './absentLogWords';
import { checkClaims, unnamedDevice } from './checkClaims';
import type { MergedState } from './MergedState';
import { DEVICES_DIR, type LogReads, listDeviceFolders } from './readAllLogs';
import { decodeSeen, SEEN_FILE, type SeenState } from './seenFile';
import type { LocalSeenStore } from './syncedVaultTypes';
import type { HeadClaim, SyncProblem } from './types';

/**
 * What this device claims to have seen of every log (FORMAT.md §9), and the checks that use
 * every device's claims to find logs and key files put back to older copies. A claim is never
 * lowered: after a rollback the missing frames stay claimed, so the loss is reported until the
 * files come back. The claims move with the device when it carries on under a new id.
 */
export class RollbackEvidence {
  private heads: Record<string, HeadClaim> = {};
  /**
   * What this computer's settings remember of each log. For its own log it is the branch this
   * computer wrote, where the folder's seen.bin may be another computer's version (a fork).
   */
  private remembered: Record<string, HeadClaim> = {};
  private epoch = 0;

  /** Adds claims made before (this device's seen.bin, this computer's settings). */
  keep(heads: Record<string, HeadClaim>, epoch: number): void {
    this.epoch = Math.max(this.epoch, epoch);
    for (const [hex, claim] of Object.entries(heads)) {
      const before = this.heads[hex];
      if (!before || claim.seq > before.seq) this.heads[hex] = claim;
    }
  }

  /**
   * True when this device must not append to its log `hex` again: the log holds fewer frames than
   * it claimed to have written (put back to an older copy), another frame is applied where its
   * claimed one was, the log is forked (its files are written on another computer too), or it
   * holds frames past the applied ones (waiting for another device's frames they build on, which
   * are not in the folder now): the next frame would take the number of the first of them, a
   * fork of this device's own making.
   */
  behind(hex: string, state: MergedState): boolean {
    if (state.forks().some((f) => f.deviceHex === hex)) return true;
    if (state.holdsUnapplied(hex)) return true;
    return [this.heads[hex], this.remembered[hex]].some((claim) => {
      if (claim === undefined) return false;
      const applied = state.appliedHash(hex, claim.seq);
      return applied === null || applied !== claim.hash;
    });
  }

  /** The last frame of `hex` this computer wrote or saw: as its settings remember it, else as claimed. */
  claimOf(hex: string): HeadClaim | undefined {
    return this.remembered[hex] ?? this.heads[hex];
  }

  /** The next seen.bin: what is applied now, never below what was claimed before. */
  next(state: MergedState, maxEpoch: number, at: Date): SeenState {
    for (const hex of state.devices()) {
      const head = state.head(hex);
      const before = this.heads[hex];
      if (head && (!before || head.seq >= before.seq)) this.heads[hex] = head;
    }
    this.epoch = Math.max(this.epoch, maxEpoch);
    return { at: at.toISOString(), epoch: this.epoch, heads: { ...this.heads } };
  }

  /** Every device's seen.bin, this computer's memory and this session's claims, checked against `state`. */
  async check(args: {
    fs: VaultFs;
    dir: string;
    vaultId: Buffer;
    seenKey: Buffer;
    ownHex: string;
    state: MergedState;
    localSeen: LocalSeenStore | undefined;
    maxEpoch: number;
    /** The name a device gave in its frames, when known (checkClaims). */
    name: (hex: string) => string | undefined;
    /** Device folders from before a key rotation: their seen.bin is another key's, never read. */
    stale?: ReadonlySet<string>;
    /** Ids this computer wrote under before its current one (checkClaims). */
    formerIds?: ReadonlySet<string>;
  }): Promise<SyncProblem[]> {
    const { fs, dir, ownHex, state } = args;
    const claims: Parameters<typeof checkClaims>[0]['claims'] = [];
    const unreadable: SyncProblem[] = [];
    for (const hex of await listDeviceFolders(fs, dir)) {
      if (args.stale?.has(hex)) continue;
      // A file that is there but cannot be read (not a plain file, too large, an I/O error) is
      // reported as one that does not open: its claims are lost either way (FORMAT.md §9).
      let bytes: Buffer | null = null;
      let failed = false;
      try {
        bytes = await readSmallFile(fs, join(dir, DEVICES_DIR, hex, SEEN_FILE));
      } catch {
        failed = true;
      }
      const seen = bytes && decodeSeen(args.seenKey, args.vaultId, Buffer.from(hex, 'hex'), bytes);
      if (failed || (bytes && !seen))
        unreadable.push(seenUnreadable(hex, args.name(hex) ?? unnamedDevice(hex)));
      if (!seen) continue;
      claims.push({ byDeviceHex: hex, source: hex === ownHex ? 'own' : 'other', state: seen });
      if (hex === ownHex) this.keep(seen.heads, seen.epoch);
    }
    const remembered = await args.localSeen?.load().catch(() => null);
    if (remembered) {
      claims.push({ byDeviceHex: ownHex, source: 'settings', state: remembered });
      this.keep(remembered.heads, remembered.epoch);
      this.remembered = { ...remembered.heads };
    }
    claims.push({
      byDeviceHex: ownHex,
      source: 'own',
      state: { at: '', epoch: this.epoch, heads: { ...this.heads } },
    });
    // A claimed log with nothing applied: is any of it in the folder at all? (Rare: asked only then.)
    const absent = new Map<string, AbsentLog>();
    const claimed = new Set(claims.flatMap((c) => Object.keys(c.state.heads)));
    for (const hex of claimed) {
      if (state.head(hex) !== null || args.stale?.has(hex)) continue;
      const why = await absentLog(fs, dir, hex);
      if (why) absent.set(hex, why);
    }
    return [
      ...unreadable,
      ...checkClaims({
        ownDeviceHex: ownHex,
        claims,
        head: (hex) => state.head(hex),
        appliedHash: (hex, seq) => state.appliedHash(hex, seq),
        maxEpoch: args.maxEpoch,
        name: args.name,
        ...(args.formerIds ? { formerIds: args.formerIds } : {}),
        absent,
      }),
    ];
  }

  /**
   * Changes of other devices this session has applied that are no longer in the folder: a log
   * put back to an older copy while the vault is open, or its folder (or every log file in it)
   * gone. The claims cannot show this (the changes are still applied in memory), so the frames
   * just read are compared with what was applied. `stale`: folders from before a key rotation,
   * never read, so not gone.
   */
  static goneBack(
    reads: LogReads,
    state: MergedState,
    ownHex: string,
    name: (hex: string) => string,
    stale: ReadonlySet<string> = new Set(),
  ): SyncProblem[] {
    const problems: SyncProblem[] = [];
    for (const hex of state.devices()) {
      if (hex === ownHex || stale.has(hex)) continue;
      const read = reads.get(hex);
      const applied = state.head(hex)?.seq ?? 0;
      let onDisk = 0;
      while (read?.frames.has(onDisk + 1)) onDisk++;
      if (onDisk >= applied) continue;
      const who = name(hex);
      const lost = applied - onDisk;
      const one = lost === 1;
      const file = `${DEVICES_DIR}/${hex}`;
      // Not read at all: no folder under its name (a stray there is reported by the reader).
      const absent: AbsentLog | undefined = !read ? 'folder' : read.files.size === 0 ? 'logs' : undefined;
      problems.push({
        type: 'rollback',
        file,
        deviceHex: hex,
        ...(absent ? { absent } : {}),
        message: absent
          ? absentOtherLog({ absent, who, file, lost, open: true })
          : `${one ? '1 change' : `${lost} changes`} saved on ${who} that this computer had already received ${one ? 'is' : 'are'} missing from the vault folder: ${who}’s files were replaced by an older copy. ${one ? 'It is' : 'They are'} still shown here while the vault stays open. Open Attune on ${who} so your sync app sends its files again, or restore the vault from a backup.`,
      });
    }
    return problems;
  }
}

/**
 * A device's seen.bin that does not open: its claims are lost, so a rollback only it would show
 * goes unseen until that computer writes it again (FORMAT.md §9). A sync tool writing the file in
 * place shows a part of it for a moment, which cannot be told from an altered one: so it is
 * reported as waiting (information in the open vault; a check from outside fails on it).
 */
function seenUnreadable(hex: string, who: string): SyncProblem {
  const file = `${DEVICES_DIR}/${hex}/${SEEN_FILE}`;
  return {
    type: 'waiting',
    file,
    deviceHex: hex,
    message: `${file}, the record of what ${who} has seen of every computer's changes, could not be read: it is still arriving from the sync app, or it was altered outside Attune. Until it reads, changes missing from the folder may go unnoticed. ${who} writes it again the next time it opens the vault; if this message stays, check who can write to the vault folder.`,
  };
}
