import type { Client } from '../../../shared/domain/clientSchema';
import type { Diagnosis } from '../../../shared/domain/diagnosisSchema';
import type { Note } from '../../../shared/domain/noteSchema';
import type { ProcessNote } from '../../../shared/domain/processNoteSchema';
import type { SafetyPlan } from '../../../shared/domain/riskSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { Settings } from '../../../shared/domain/settingsSchema';
import type { Template } from '../../../shared/domain/templates';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
import type { Measure } from '../../../shared/measures/measureSchema';
import type { OpenVault } from '../../vault/OpenVault';
import { kinds } from '../RecordStore';
import { SETTINGS_ID } from '../SettingsService';
import { countsOf, EXPORT_FORMAT, EXPORT_VERSION, type ExportFile } from './exportFileSchema';

/** The part of the vault export and import use. */
export type ExchangeVault = Pick<OpenVault, 'list' | 'get' | 'getAll' | 'putMany' | 'appendAudit'>;

export interface ExportOptions {
  /** Psychotherapy notes are left out unless this is true (HIPAA 164.501). */
  includeProcessNotes: boolean;
  /** The export time; defaults to now. */
  now?: string;
}

const values = async <T>(vault: ExchangeVault, kind: string): Promise<T[]> =>
  (await vault.getAll<T>(kind)).map((r) => r.value);

const byKey =
  <T>(...keys: ((item: T) => string)[]) =>
  (a: T, b: T): number => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };

/**
 * Every record of the vault as an interchange file, in a stable order (so two exports of the same
 * data compare equal apart from `exportedAt`). Records the export in the audit trail.
 */
export async function exportVault(vault: ExchangeVault, options: ExportOptions): Promise<ExportFile> {
  const clients = (await values<Client>(vault, kinds.client)).sort(
    byKey(
      (c) => c.code.toLowerCase(),
      (c) => c.id,
    ),
  );
  const sessions = (await values<Session>(vault, kinds.session)).sort(
    byKey(
      (s) => s.startsAt,
      (s) => s.id,
    ),
  );
  const notes = (await values<Note>(vault, kinds.note)).sort(
    byKey(
      (n) => n.createdAt,
      (n) => n.id,
    ),
  );
  const templates = (await values<Template>(vault, kinds.template)).sort(
    byKey(
      (t) => t.name,
      (t) => t.id,
    ),
  );
  const processNotes = options.includeProcessNotes
    ? (await values<ProcessNote>(vault, kinds.processNote)).sort(byKey((p) => p.id))
    : undefined;
  const measures = (await values<Measure>(vault, kinds.measure)).sort(
    byKey(
      (m) => m.administeredAt,
      (m) => m.instrument,
      (m) => m.id,
    ),
  );
  const treatmentPlans = (await values<TreatmentPlan>(vault, kinds.treatmentPlan)).sort(
    byKey(
      (p) => p.clientId,
      (p) => String(p.version).padStart(5, '0'),
      (p) => p.id,
    ),
  );
  const diagnoses = (await values<Diagnosis>(vault, kinds.diagnosis)).sort(
    byKey(
      (d) => d.clientId,
      (d) => d.diagnosedOn,
      (d) => d.id,
    ),
  );
  const safetyPlans = (await values<SafetyPlan>(vault, kinds.safetyPlan)).sort(
    byKey(
      (s) => s.clientId,
      (s) => s.id,
    ),
  );
  const hasSettings = vault.list(kinds.setting).some((r) => r.id === SETTINGS_ID);
  const settings = hasSettings ? await vault.get<Settings>(kinds.setting, SETTINGS_ID) : undefined;
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: options.now ?? new Date().toISOString(),
    clients,
    sessions,
    notes,
    ...(processNotes ? { processNotes } : {}),
    measures,
    treatmentPlans,
    diagnoses,
    safetyPlans,
    templates,
    ...(settings ? { settings } : {}),
  };
  // Recorded before the file is written, on purpose: an export the audit log cannot record never
  // happens (fail closed), and one whose write then fails stays recorded as the attempt it was.
  await vault.appendAudit('export', {
    format: 'json',
    ...countsOf(file),
    processNotesIncluded: options.includeProcessNotes,
  });
  return file;
}
