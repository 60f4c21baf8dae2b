import { type AbsentLog, absentOtherLog, absentOwnLog, absentWaitingLog } from './absentLogWords';
import type { SeenState } from './seenFile';
import type { HeadClaim, SyncProblem } from './types';

export interface Claim {
  byDeviceHex: string;
  /** 'own': this device's seen.bin; 'settings': its copy outside the vault; 'other': another device's seen.bin. */
  source: 'own' | 'other' | 'settings';
  state: SeenState;
}

/** How a device that never gave a name in its frames is called. */
export const unnamedDevice = (deviceHex: string): string => `another computer (${deviceHex.slice(0, 8)})`;

const changes = (n: number): string => (n === 1 ? '1 change' : `${n} changes`);

/**
 * Checks what every device says it has seen against what is applied here (FORMAT.md §9), and
 * names what does not match: a log put back to an older copy (rollback), or missing whole (its
 * folder deleted or not synced), two versions of one frame (fork or tampering), or frames another
 * device has that have not arrived (waiting).
 *
 * One reading beyond the spec: a claim by another device about THIS device's log that is ahead of
 * it is a rollback too, not "waiting": this device writes its own log, nothing is on its way.
 */
export function checkClaims(args: {
  ownDeviceHex: string;
  claims: Claim[];
  head: (deviceHex: string) => HeadClaim | null;
  appliedHash: (deviceHex: string, seq: number) => string | null;
  maxEpoch: number;
  /** The name a device gave in its frames, when any of them is here. */
  name: (deviceHex: string) => string | undefined;
  /** Ids this computer wrote under before it carried on under a new one (§9): its own logs too. */
  formerIds?: ReadonlySet<string>;
  /**
   * Devices none of whose log is in the folder (absentLog): their folder is missing, or holds no
   * log file. Their missing changes are said as such, not as an older copy put back.
   */
  absent?: ReadonlyMap<string, AbsentLog>;
}): SyncProblem[] {
  const { ownDeviceHex: own } = args;
  const mine = (device: string) => device === own || args.formerIds?.has(device) === true;
  // A log with no frame left gives no name: this computer's own is named by its short id (the
  // folder devices/<id> starts with it), never as "another computer".
  const name = (device: string) => args.name(device) ?? unnamedDevice(device);
  const missing = new Map<string, number>(); // device -> most frames missing (rollback)
  const waiting = new Map<string, number>(); // device -> most frames still to arrive
  const forked = new Set<string>();
  let keysRolledBack = false;
  let keysWaiting: string | null = null; // the device whose newer keys have not arrived
  let keysWaitingEpoch = args.maxEpoch;

  for (const claim of args.claims) {
    const ownEvidence = claim.source !== 'other';
    for (const [device, { seq, hash }] of Object.entries(claim.state.heads)) {
      const applied = args.head(device)?.seq ?? 0;
      if (seq <= applied) {
        const seen = args.appliedHash(device, seq);
        if (seen !== null && seen !== hash) forked.add(device);
        continue;
      }
      const target = ownEvidence || device === own ? missing : waiting;
      target.set(device, Math.max(target.get(device) ?? 0, seq - applied));
    }
    if (claim.state.epoch > args.maxEpoch) {
      if (ownEvidence) keysRolledBack = true;
      else if (claim.state.epoch > keysWaitingEpoch) {
        keysWaiting = claim.byDeviceHex;
        keysWaitingEpoch = claim.state.epoch;
      }
    }
  }

  const problems: SyncProblem[] = [];
  if (keysRolledBack) {
    problems.push({
      type: 'rollback',
      file: 'devices',
      message:
        'The vault’s key files are older than the ones this computer used before: a change of passphrase or recovery key is missing from the vault folder, so an older passphrase or recovery key may open the vault again. Open Attune on the computer where the passphrase or recovery key was last changed, so your sync app sends its files again, or restore the vault from a backup.',
    });
  } else if (keysWaiting !== null) {
    problems.push({
      type: 'waiting',
      file: `devices/${keysWaiting}/keys.json`,
      deviceHex: keysWaiting,
      message: `Waiting for a change of passphrase or recovery key made on ${name(keysWaiting)}: it has not reached this computer yet. Keep your sync app running.`,
    });
  }
  const devices = [...new Set([...missing.keys(), ...forked, ...waiting.keys()])].sort();
  for (const device of devices) {
    const file = `devices/${device}`;
    const who = mine(device) ? `this computer (${args.name(device) ?? device.slice(0, 8)})` : name(device);
    const lost = missing.get(device);
    const applied = args.head(device)?.seq ?? 0;
    const absent = applied === 0 ? args.absent?.get(device) : undefined;
    const gone = absent ? { absent } : {};
    if (lost !== undefined) {
      problems.push({
        type: 'rollback',
        file,
        deviceHex: device,
        frames: { from: applied + 1, to: applied + lost },
        ...gone,
        message: absent
          ? mine(device)
            ? absentOwnLog({ absent, who, file, lost })
            : absentOtherLog({ absent, who, file, lost })
          : mine(device)
            ? // What this computer saw is kept per vault id, not per folder: a copy of the vault
              // opened here elsewhere (with the app or the attune command) holds changes this
              // folder lacks, and looks exactly like this folder put back to an older copy. Both
              // causes are said, the copy first (nothing is lost there), with its way out.
              `${changes(lost)} saved on ${who} ${lost === 1 ? 'is' : 'are'} missing from this vault folder. If this computer opened a copy of the vault in another folder (an old copy kept beside it, say), ${lost === 1 ? 'it was' : 'they were'} saved in that copy: copy the files in that copy’s ${file} folder into this vault folder’s ${file} folder (make it if it is not there), and ${lost === 1 ? 'it is' : 'they are'} read here. Otherwise this folder’s files were replaced by an older copy, by the sync app or by copying an older copy of the vault folder back: look for the newer files in your sync app’s version history, or restore the vault from a backup (Settings → Backups → Restore, which does not leave this warning behind).`
            : `${changes(lost)} saved on ${who} that this computer had already received ${lost === 1 ? 'is' : 'are'} missing from the vault folder: ${who}’s files were replaced by an older copy. Open Attune on ${who} so your sync app sends its files again, or restore the vault from a backup.`,
      });
    }
    if (forked.has(device)) {
      problems.push({
        type: 'fork',
        file,
        deviceHex: device,
        message: `The changes saved on ${who} exist in two different versions: the vault’s files were changed outside Attune, or that computer’s folder was used by two computers. Run a vault check, and restore the vault from a backup if changes are missing.`,
      });
    }
    const due = waiting.get(device);
    if (due !== undefined && lost === undefined) {
      problems.push({
        type: 'waiting',
        file,
        deviceHex: device,
        frames: { from: applied + 1, to: applied + due },
        ...gone,
        message: absent
          ? absentWaitingLog({ absent, who, file, due })
          : `Waiting for ${changes(due)} from ${who}: ${due === 1 ? 'it has' : 'they have'} not reached this computer yet. Keep your sync app running; ${due === 1 ? 'it appears' : 'they appear'} here when ${due === 1 ? 'it arrives' : 'they arrive'}.`,
      });
    }
  }
  return problems;
}
