import { calendarDate } from '../../../shared/analytics/dateRange';
import type { Note } from '../../../shared/domain/noteSchema';
import { AttuneError } from '../../../shared/errors';
import type {
  ClientRecordExport,
  ImportSummary,
  RecordCounts,
  RecordSet,
} from '../../../shared/ipc/contracts/recordsContract';
import { type Clock, isoNow } from '../Clock';
import { countsOf } from '../exchange/exportFileSchema';
import { eachExportLine } from '../exchange/exportLines';
import { exportVault } from '../exchange/exportVault';
import { allInVaultAlready, checkImport, importIntoVault } from '../exchange/importIntoVault';
import { readImportFile } from '../exchange/readImportFile';
import { kinds, type RecordStore } from '../RecordStore';
import type { SettingsService } from '../SettingsService';
import type { TemplateService } from '../TemplateService';
import type { VaultSession } from '../VaultSession';
import { clientExportFile } from './clientExportFile';
import { exportSizeWarning } from './exportSizeWarning';
import { importConflicts } from './importConflicts';
import { draftRefusal, readRecordSet } from './readRecordSet';
import { checkExportFolder, fileStem, freshNames, printedPdf, writeNewFile } from './recordFiles';

export interface RecordsServiceDeps {
  session: VaultSession;
  store: RecordStore;
  clock: Clock;
  templates: TemplateService;
  settings: SettingsService;
}

/** Prints the window the user is looking at (the record's print view) to PDF bytes. */
export type PrintRecord = () => Promise<Uint8Array>;

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/**
 * Records leaving and entering the vault at the user's request: one signed note as a PDF, a
 * client's record set (PDF and JSON, never process notes), the whole vault in the interchange
 * format, and imports of that format (checked whole, then all or nothing). Every export is
 * recorded in the audit log with what it held, never with note text.
 */
export class RecordsService {
  constructor(private readonly deps: RecordsServiceDeps) {}

  async get(clientId: string, noteId?: string): Promise<RecordSet> {
    const { store, templates, settings, clock } = this.deps;
    return readRecordSet(store, templates, await settings.get(), clock, clientId, noteId);
  }

  /** Prints one signed note (its print view is on screen) into a new PDF in `folder`. */
  async saveNotePdf(noteId: string, folder: string, print: PrintRecord): Promise<{ path: string }> {
    const note = await this.deps.store.find<Note>(kinds.note, noteId);
    if (!note) throw new AttuneError('not-found', 'This note is not in the vault any more.');
    if (note.status !== 'signed') throw new AttuneError('invalid-input', draftRefusal);
    const set = await this.get(note.clientId, noteId);
    await checkExportFolder(folder, this.deps.session.location);
    const pdf = await printedPdf(print, 'note');
    // Named by the day the session was held where the user is (a New York evening is not tomorrow).
    const day = calendarDate(set.sessions[0]?.startsAt ?? set.preparedAt);
    const [path] = await freshNames(folder, `${fileStem(set.client.code)}-note-${day}`, ['.pdf']);
    await writeNewFile(path!, pdf);
    await this.deps.session.vault.appendAudit('export', {
      what: 'note',
      format: 'pdf',
      clientId: set.client.id,
      noteId,
      addenda: note.addenda.length,
    });
    return { path: path! };
  }

  /**
   * A client's record set for a records request: the PDF of the print view on screen and the
   * same records as an interchange file, side by side in `folder`. Process notes are not part of
   * the designated record set (45 CFR 164.524(a)(1)(i)) and are never read here.
   */
  async exportClient(clientId: string, folder: string, print: PrintRecord): Promise<ClientRecordExport> {
    const set = await this.get(clientId);
    await checkExportFolder(folder, this.deps.session.location);
    const pdf = await printedPdf(print, 'client record');
    const stem = `${fileStem(set.client.code)}-record-${calendarDate(set.preparedAt)}`;
    const [pdfPath, jsonPath] = (await freshNames(folder, stem, ['.pdf', '.json'])) as [string, string];
    await writeNewFile(pdfPath, pdf);
    await writeNewFile(jsonPath, json(clientExportFile(set)));
    const counts = {
      sessions: set.sessions.length,
      notes: set.notes.length,
      addenda: set.notes.reduce((sum, n) => sum + n.addenda.length, 0),
      feedback: set.notes.filter((n) => n.feedback !== null).length,
    };
    await this.deps.session.vault.appendAudit('export', {
      what: 'client-record',
      clientId,
      formats: 'pdf,json',
      ...counts,
      treatmentPlans: set.treatmentPlans.length,
      diagnoses: set.diagnoses.length,
      safetyPlan: set.safetyPlan !== null,
      processNotesIncluded: false,
    });
    return { pdfPath, jsonPath, ...counts };
  }

  /**
   * The whole vault as one interchange file in `folder` (exportVault records it in the audit log),
   * with a warning when the file is too large to import.
   */
  async exportAll(
    folder: string,
    includeProcessNotes: boolean,
  ): Promise<{ path: string; counts: RecordCounts; warning: string | null }> {
    const vault = this.deps.session.vault;
    await checkExportFolder(folder, this.deps.session.location);
    const now = isoNow(this.deps.clock);
    const file = await exportVault(vault, { includeProcessNotes, now });
    const [path] = await freshNames(folder, `attune-export-${calendarDate(now)}`, ['.json']);
    // A line at a time: a large practice's file is longer than V8's longest string.
    const size = await writeNewFile(path!, eachExportLine(file));
    return { path: path!, counts: countsOf(file), warning: exportSizeWarning(size) };
  }

  /** What importing the file at `path` would add, and every problem that would refuse it. */
  async previewImport(path: string): Promise<ImportSummary> {
    const data = await readImportFile(path);
    const vault = this.deps.session.vault;
    const { problems, notices, plan, settings } = await checkImport(vault, data);
    const exportedAt = (data as { exportedAt?: unknown }).exportedAt;
    const already = plan ? null : allInVaultAlready(vault, data);
    return {
      valid: plan !== null,
      exportedAt: typeof exportedAt === 'string' ? exportedAt : null,
      counts: plan?.result ?? looseCounts(data),
      settings,
      conflicts: importConflicts(vault, data),
      alreadyInVault: already?.message ?? null,
      problems,
      notices,
    };
  }

  /** Imports the file at `path`: all of it in one commit, or nothing when any part is invalid. */
  async importFile(path: string): Promise<RecordCounts & { settings: ImportSummary['settings'] }> {
    const data = await readImportFile(path);
    return this.deps.store.writeMany((vault) => importIntoVault(vault, data));
  }
}

/** The counts of a file that did not pass its checks: how many entries each list holds. */
function looseCounts(data: unknown): RecordCounts {
  const lengthOf = (key: string) => {
    const list = (data as Record<string, unknown>)[key];
    return Array.isArray(list) ? list.length : 0;
  };
  return {
    clients: lengthOf('clients'),
    sessions: lengthOf('sessions'),
    notes: lengthOf('notes'),
    processNotes: lengthOf('processNotes'),
    templates: lengthOf('templates'),
    measures: lengthOf('measures'),
    treatmentPlans: lengthOf('treatmentPlans'),
    diagnoses: lengthOf('diagnoses'),
    safetyPlans: lengthOf('safetyPlans'),
  };
}
