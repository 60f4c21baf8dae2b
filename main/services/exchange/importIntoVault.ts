import type { Client } from '../../../shared/domain/clientSchema';
import type { Note } from '../../../shared/domain/noteSchema';
import type { SafetyPlan } from '../../../shared/domain/riskSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { Settings } from '../../../shared/domain/settingsSchema';
import type { Template } from '../../../shared/domain/templates';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
import { AttuneError } from '../../../shared/errors';
import type { Measure } from '../../../shared/measures/measureSchema';
import { kinds } from '../RecordStore';
import { SETTINGS_ID } from '../SettingsService';
import { noteGoalNotices } from './checkClinicalReferences';
import { checkReferences, measureSlot, type VaultIndex } from './checkReferences';
import {
  countsOf,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExchangeCounts,
  exportFileSchemaFor,
} from './exportFileSchema';
import type { ExchangeVault } from './exportVault';
import { type ImportProblem, importRefused, jsonPath, MAX_PROBLEMS } from './importProblems';
import { type SettingsOutcome, settingsForImport } from './importSettings';
import { checkListsOfLaterVersions, migrateExportFile } from './migrateExportFile';
import { scanJson } from './scanJson';

export interface ImportResult extends ExchangeCounts {
  settings: SettingsOutcome;
}

/** What checkImport found: problems refuse the file; notices are told but do not refuse it. */
export interface ImportCheck {
  problems: ImportProblem[];
  /** Things worth knowing that do not stop the import (a goal no plan holds, say). */
  notices: ImportProblem[];
  plan: ImportPlan | null;
  settings: SettingsOutcome;
}

/** What a checked import would save, and what it would report. */
export interface ImportPlan {
  items: Array<{ kind: string; id: string; value: unknown }>;
  result: ImportResult;
}

/**
 * Checks an interchange file (already JSON-parsed) against an open vault without changing it:
 * its shape, every record's schema, unique ids and client codes, and every reference (to a record
 * in the file or already in the vault). Returns the problems found (at most MAX_PROBLEMS) and,
 * when there are none, the records to save. A file that does not say it is an Attune export of a
 * version this app reads is refused with an error at once.
 */
export async function checkImport(vault: ExchangeVault, data: unknown): Promise<ImportCheck> {
  const version = checkEnvelope(data);
  const problems: ImportProblem[] = [];
  const report = (path: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ path, message });
  };

  scanJson(data, report);
  checkListsOfLaterVersions(data as Record<string, unknown>, version, report);
  if (problems.length > 0) return { problems, notices: [], plan: null, settings: 'none' };
  const current = migrateExportFile(data as Record<string, unknown>, version);

  const vaultSettings = vault.list(kinds.setting).some((r) => r.id === SETTINGS_ID)
    ? await vault.get<Settings>(kinds.setting, SETTINGS_ID)
    : null;
  const settings = settingsForImport(vaultSettings, current.settings, report);
  const parsed = exportFileSchemaFor(settings.vocabulary).safeParse(current);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(jsonPath(issue.path), issue.message);
    return { problems, notices: [], plan: null, settings: settings.outcome };
  }
  const file = parsed.data;
  const index = await indexVault(vault);
  checkReferences(file, index, report);
  const notices = noteGoalNotices(file, index).slice(0, MAX_PROBLEMS);
  if (problems.length > 0) return { problems, notices, plan: null, settings: settings.outcome };

  const items: Array<{ kind: string; id: string; value: unknown }> = [
    ...file.templates.map((value) => ({ kind: kinds.template, id: value.id, value })),
    ...file.clients.map((value) => ({ kind: kinds.client, id: value.id, value })),
    ...file.sessions.map((value) => ({ kind: kinds.session, id: value.id, value })),
    ...file.notes.map((value) => ({ kind: kinds.note, id: value.id, value })),
    ...(file.processNotes ?? []).map((value) => ({ kind: kinds.processNote, id: value.id, value })),
    ...file.measures.map((value) => ({ kind: kinds.measure, id: value.id, value })),
    ...file.treatmentPlans.map((value) => ({ kind: kinds.treatmentPlan, id: value.id, value })),
    ...file.diagnoses.map((value) => ({ kind: kinds.diagnosis, id: value.id, value })),
    ...file.safetyPlans.map((value) => ({ kind: kinds.safetyPlan, id: value.id, value })),
  ];
  if (settings.store) items.push({ kind: kinds.setting, id: SETTINGS_ID, value: settings.store });
  return {
    problems,
    notices,
    plan: { items, result: { ...countsOf(file), settings: settings.outcome } },
    settings: settings.outcome,
  };
}

/**
 * Imports an interchange file (already JSON-parsed) into an open vault. The whole file is checked
 * first (checkImport). Any problem refuses the whole import with an `invalid-input` error naming
 * the first few, and the vault is not touched. Otherwise every record is saved in one commit, so
 * a crash leaves all of it or none. Notices (goals no plan holds) are returned, not refused.
 */
export async function importIntoVault(
  vault: ExchangeVault,
  data: unknown,
): Promise<ImportResult & { notices: ImportProblem[] }> {
  const { problems, notices, plan } = await checkImport(vault, data);
  if (!plan) throw allInVaultAlready(vault, data) ?? importRefused(problems);
  await vault.putMany(plan.items, { type: 'import', detail: { format: 'json', ...plan.result } });
  return { ...plan.result, notices };
}

/** The record lists of a file and the kind each holds (every list: importConflicts counts them all). */
export const recordLists = [
  ['clients', kinds.client],
  ['sessions', kinds.session],
  ['notes', kinds.note],
  ['processNotes', kinds.processNote],
  ['measures', kinds.measure],
  ['treatmentPlans', kinds.treatmentPlan],
  ['diagnoses', kinds.diagnosis],
  ['safetyPlans', kinds.safetyPlan],
  ['templates', kinds.template],
] as const;

/**
 * The refusal of a file every record of which the vault has already (by id): the same file
 * imported twice, or an export of this vault. Said in one sentence rather than as a list of
 * "problems" in a file that is not wrong; null when the file holds any record the vault lacks.
 */
export function allInVaultAlready(vault: ExchangeVault, data: unknown): AttuneError | null {
  const file = data as Record<string, unknown>;
  let records = 0;
  for (const [key, kind] of recordLists) {
    const list = file[key];
    if (!Array.isArray(list)) continue;
    const ids = new Set(vault.list(kind).map((r) => r.id));
    for (const item of list) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' || !ids.has(id)) return null;
      records++;
    }
  }
  if (records === 0) return null;
  return new AttuneError(
    'invalid-input',
    `Every record in this file (${records}) is in the vault already: the file was imported before, or exported from this vault. ` +
      'Import only adds records, so nothing was imported.',
  );
}

/** The file must say what it is before its contents are worth checking; returns its version. */
function checkEnvelope(data: unknown): number {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new AttuneError('invalid-input', 'The import file must hold one JSON object, an Attune export.');
  }
  const { format, version } = data as { format?: unknown; version?: unknown };
  if (format !== EXPORT_FORMAT) {
    throw new AttuneError(
      'invalid-input',
      `This is not an Attune export file: its “format” is not “${EXPORT_FORMAT}”.`,
    );
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > EXPORT_VERSION) {
    throw new AttuneError(
      'unsupported-version',
      `This export was written by a newer version of Attune (format version ${version}; this version reads ${EXPORT_VERSION}). Update Attune, then import it again.`,
    );
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new AttuneError(
      'invalid-input',
      `The export file’s “version” is not one Attune knows; this version of Attune reads versions 1 to ${EXPORT_VERSION}.`,
    );
  }
  return version;
}

/** What the reference checks need from the vault, read once. */
async function indexVault(vault: ExchangeVault): Promise<VaultIndex> {
  const ids = new Map<string, Set<string>>();
  for (const record of vault.list()) {
    const set = ids.get(record.kind) ?? new Set<string>();
    set.add(record.id);
    ids.set(record.kind, set);
  }
  const clients = await vault.getAll<Client>(kinds.client);
  const sessions = await vault.getAll<Session>(kinds.session);
  const notes = await vault.getAll<Note>(kinds.note);
  const templates = await vault.getAll<Template>(kinds.template);
  const measures = await vault.getAll<Measure>(kinds.measure);
  const plans = await vault.getAll<TreatmentPlan>(kinds.treatmentPlan);
  const safetyPlans = await vault.getAll<SafetyPlan>(kinds.safetyPlan);
  return {
    ids,
    clientCodes: new Map(clients.map((c) => [c.value.code.toLowerCase(), c.value.code])),
    sessionClients: new Map(sessions.map((s) => [s.id, s.value.clientId])),
    notes: new Map(notes.map((n) => [n.id, { sessionId: n.value.sessionId, clientId: n.value.clientId }])),
    templateNames: new Set(templates.map((t) => t.value.name.trim().toLowerCase())),
    measureSlots: new Set(measures.map((m) => measureSlot(m.value))),
    plans: new Map(
      plans.map(({ id, value: p }) => [
        id,
        { clientId: p.clientId, version: p.version, goalIds: p.goals.map((g) => g.id) },
      ]),
    ),
    safetyPlanClients: new Set(safetyPlans.map((s) => s.value.clientId)),
  };
}
