/**
 * Brings an older interchange file up to the current version before it is checked, one version
 * step at a time, so a file written by any earlier Attune imports as it stands. Only the envelope
 * is looked at here; the records are checked afterwards against the current schemas.
 */
import { EXPORT_VERSION } from './exportFileSchema';

type FileObject = Record<string, unknown>;

/** A list of records a version added: the file's key, and its records' name in messages. */
interface AddedList {
  key: string;
  name: string;
}

/** Each step takes a file of version n (its index + 1) to version n + 1 by adding its lists, empty. */
const steps: ReadonlyArray<readonly AddedList[]> = [
  // 1 → 2: outcome measures (a record kind of their own) were added; a version-1 file has none.
  [{ key: 'measures', name: 'measures' }],
  // 2 → 3: treatment plans, diagnoses and safety plans (issue 15) were added. Notes gained
  // goalProgress, risk and typed addenda, all optional in the note schema (a version 2 note reads
  // as addressing no goals, with no risk section and untyped addenda), so notes need no step.
  [
    { key: 'treatmentPlans', name: 'treatment plans' },
    { key: 'diagnoses', name: 'diagnoses' },
    { key: 'safetyPlans', name: 'safety plans' },
  ],
];

/** How many steps there are: one fewer than EXPORT_VERSION (a unit test holds them together). */
export const MIGRATION_STEPS = steps.length;

/** The file at EXPORT_VERSION; `version` must already be known to be 1…EXPORT_VERSION. */
export function migrateExportFile(file: FileObject, version: number): FileObject {
  let migrated = file;
  for (let v = version; v < EXPORT_VERSION; v++) {
    const added = Object.fromEntries(steps[v - 1]!.map(({ key }) => [key, []]));
    migrated = { ...migrated, version: v + 1, ...added };
  }
  return migrated;
}

/**
 * Reports each list that a later version added and that a file of `version` holds anyway (edited
 * by hand, or written by another program): migrating would replace it with an empty one, dropping
 * its records without a word.
 */
export function checkListsOfLaterVersions(
  file: FileObject,
  version: number,
  report: (path: string, message: string) => void,
): void {
  for (let v = version; v < EXPORT_VERSION; v++) {
    for (const { key, name } of steps[v - 1]!) {
      // An empty list loses nothing: only one with entries (or not a list) is worth refusing.
      const list = file[key];
      if (!Object.hasOwn(file, key) || (Array.isArray(list) && list.length === 0)) continue;
      report(
        key,
        `A version ${version} file has no ${name} (they came with version ${v + 1}), yet this one holds the list; it would be left out. ` +
          'Set “version” to the version the file was written in, or take the list out.',
      );
    }
  }
}
