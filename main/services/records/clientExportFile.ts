import { settingsSchema } from '../../../shared/domain/settingsSchema';
import { builtInTemplate } from '../../../shared/domain/templates';
import type { RecordSet } from '../../../shared/ipc/contracts/recordsContract';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportFile } from '../exchange/exportFileSchema';

/**
 * A client's record set in the interchange format (docs/interchange-format.md), so another
 * Attune can import it: the client, the sessions, the signed notes, the outcome measures, the
 * signed treatment plan versions, the diagnoses, the safety plan, and the user templates those
 * notes were written in. Process notes are never part of it. Settings travel only when the user
 * has rupture markers or strategies of their own, and then only that vocabulary (all of it, so
 * every note reads as written); the clinician's other settings are not the client's record.
 */
export function clientExportFile(set: RecordSet): ExportFile {
  const { markers, strategies } = set.settings.ruptureVocabulary;
  const customVocabulary = markers.length > 0 || strategies.length > 0;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: set.preparedAt,
    clients: [set.client],
    sessions: set.sessions,
    notes: set.notes,
    measures: set.measures,
    treatmentPlans: set.treatmentPlans,
    diagnoses: set.diagnoses,
    safetyPlans: set.safetyPlan ? [set.safetyPlan] : [],
    templates: set.templates.filter((t) => !builtInTemplate(t.id)),
    ...(customVocabulary
      ? { settings: settingsSchema.parse({ ruptureVocabulary: { markers, strategies } }) }
      : {}),
  };
}
