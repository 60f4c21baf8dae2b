/**
 * Brings an older interchange file up to the current version before it is checked, one version
 * step at a time, so a file written by any earlier Attune imports as it stands. Only the envelope
 * is looked at here; the records are checked afterwards against the current schemas.
 */
import { EXPORT_VERSION } from './exportFileSchema';

type FileObject = Record<string, unknown>;

/** Each step takes a file of version n (its index + 1) to version n + 1. */
const steps: ReadonlyArray<(file: FileObject) => FileObject> = [
  // 1 → 2: outcome measures (a record kind of their own) were added; a version-1 file has none.
  (file) => ({ ...file, version: 2, measures: [] }),
  // 2 → 3: treatment plans, diagnoses and safety plans (issue 15) were added. Notes gained
  // goalProgress, risk and typed addenda, all optional in the note schema (a version 2 note reads
  // as addressing no goals, with no risk section and untyped addenda), so notes need no step.
  (file) => ({ ...file, version: 3, treatmentPlans: [], diagnoses: [], safetyPlans: [] }),
];

/** How many steps there are: one fewer than EXPORT_VERSION (a unit test holds them together). */
export const MIGRATION_STEPS = steps.length;

/** The file at EXPORT_VERSION; `version` must already be known to be 1…EXPORT_VERSION. */
export function migrateExportFile(file: FileObject, version: number): FileObject {
  let migrated = file;
  for (let v = version; v < EXPORT_VERSION; v++) migrated = steps[v - 1]!(migrated);
  return migrated;
}
