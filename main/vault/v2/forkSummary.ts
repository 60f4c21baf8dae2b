import type { MergedState } from './MergedState';
import { DEVICES_DIR } from './readAllLogs';
import type { SyncProblem } from './types';

type Fork = ReturnType<MergedState['forks']>[number];
type Pending = ReturnType<MergedState['pending']>[number];

/** `change 3`, `changes 3 to 6`, `changes 3 to 5, 8 and 9`: sequence numbers as runs. */
export function changeNumbers(seqs: readonly number[]): string {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    // Two in a row read better as "7 and 8" than as "7 to 8".
    if (j - i >= 2) runs.push(`${sorted[i]} to ${sorted[j]}`);
    else runs.push(...sorted.slice(i, j + 1).map(String));
    i = j + 1;
  }
  const list = runs.length > 1 ? `${runs.slice(0, -1).join(', ')} and ${runs.at(-1)}` : (runs[0] ?? '');
  return sorted.length === 1 ? `change ${list}` : `changes ${list}`;
}

const NUMBER_WORDS = ['', 'one', 'two', 'three', 'four', 'five'];
const countWord = (n: number): string => NUMBER_WORDS[n] ?? String(n);

/**
 * One problem per forked log (FORMAT.md §8), for the open vault and for a check alike: the
 * reader finds a fork once per change number and per file, and the merged state once per change
 * number, but a fork has one cause and one remedy, so a fork of three changes is one line, not
 * six. It keeps what a reviewer needs: the device (by name; its folder, or the file the fork was
 * found in, in `file`), every change number that has more than one version, how many versions,
 * and the files they were found in. `found`: what the reader reported, for those files;
 * `following`: per device, the change numbers that follow the version not shown (they can never
 * be applied, so they belong to the fork too).
 */
export function forkSummaries(
  forks: readonly Fork[],
  found: readonly SyncProblem[],
  name: (hex: string) => string,
  following: ReadonlyMap<string, readonly number[]> = new Map(),
): SyncProblem[] {
  const byDevice = new Map<string, Fork[]>();
  for (const f of forks) byDevice.set(f.deviceHex, [...(byDevice.get(f.deviceHex) ?? []), f]);
  return [...byDevice].map(([hex, list]) => {
    const folder = `${DEVICES_DIR}/${hex}`;
    const files = [
      ...new Set(
        found
          .filter((p) => p.deviceHex === hex && (p.type === 'fork' || p.type === 'artefact'))
          .map((p) => p.file),
      ),
    ].filter((file) => file !== folder);
    const counts = list.map((f) => f.hashes.length);
    const [least, most] = [Math.min(...counts), Math.max(...counts)];
    const versions = least === most ? countWord(most) : `${countWord(least)} to ${countWord(most)}`;
    const where = files.length > 0 ? ` (found in ${files.map((f) => f.split('/').pop()).join(', ')})` : '';
    const after = following.get(hex) ?? [];
    const then =
      after.length > 0
        ? `, and its ${changeNumbers(after)} ${after.length === 1 ? 'follows' : 'follow'} a version that is not shown`
        : '';
    return {
      type: 'fork',
      file: files[0] ?? folder,
      deviceHex: hex,
      message: `${name(hex)} has ${versions} different versions of its ${changeNumbers(list.map((f) => f.seq))}${where}${then}: one computer’s Attune data was copied to another computer and both were used. Attune shows one version. Each computer that used that data now writes under a new identity when it opens the vault, and carries over the changes it made that are not shown (the activity log says what was carried over). Open Attune on every computer that used that data, then check the vault again.`,
    };
  });
}

/**
 * Splits frames waiting to be applied into those of a forked log that wait only on its own
 * earlier frames (they follow a version that is not shown, so they never apply: said with the
 * fork, as `following`, by device) and the rest (`waiting`).
 */
export function pendingOnForks(
  forks: readonly Fork[],
  pending: readonly Pending[],
): { following: Map<string, number[]>; waiting: Pending[] } {
  const forked = new Set(forks.map((f) => f.deviceHex));
  const following = new Map<string, number[]>();
  const waiting = pending.filter((p) => {
    const onFork = forked.has(p.deviceHex) && p.waitingFor.every((w) => w.startsWith(`${p.deviceHex}:`));
    if (onFork) following.set(p.deviceHex, [...(following.get(p.deviceHex) ?? []), p.seq]);
    return !onFork;
  });
  return { following, waiting };
}

/**
 * What a check drops of the logs `forks` names, said once by their summary (forkSummaries): the
 * reader's fork lines (one per change number and file), and from the claims (`claims`) their fork
 * line and the changes they count as missing or still to come: two computers wrote that log's
 * numbers, so what each claims of it cannot agree with the version shown.
 */
export function withoutForkEchoes(
  problems: readonly SyncProblem[],
  forks: readonly Fork[],
  claims = false,
): SyncProblem[] {
  const forked = new Set(forks.map((f) => f.deviceHex));
  return problems.filter((p) => {
    if (p.deviceHex === undefined || !forked.has(p.deviceHex)) return true;
    if (p.type === 'fork') return false;
    return !(claims && (p.type === 'rollback' || p.type === 'waiting') && p.frames !== undefined);
  });
}
