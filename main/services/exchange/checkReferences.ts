/**
 * The checks an import needs beyond each record's own schema: ids unique and new, client codes
 * unique, and every reference pointing at a record in the file or already in the vault.
 */
import { builtInTemplates } from '../../../shared/domain/templates';
import { ID_PATTERN } from '../../vault/recordCodec';
import { signatureMatches } from '../NoteService';
import { kinds } from '../RecordStore';
import { type ClinicalIndex, checkClinicalReferences, clinicalSections } from './checkClinicalReferences';
import type { ExportFile } from './exportFileSchema';
import { clip } from './importProblems';

/** What the checks need to know of the vault's current records. */
export interface VaultIndex extends ClinicalIndex {
  /** Existing record ids, by kind. */
  ids: Map<string, Set<string>>;
  /** Existing client codes, lower-cased, to the code as written. */
  clientCodes: Map<string, string>;
  /** Existing sessions' clients, by session id. */
  sessionClients: Map<string, string>;
  /** Existing notes' session and client, by note id. */
  notes: Map<string, { sessionId: string; clientId: string }>;
  /** Existing user templates' names, lower-cased. */
  templateNames: Set<string>;
  /** Existing measures' session and instrument (measureSlot), one measure per pair. */
  measureSlots: Set<string>;
}

type Report = (path: string, message: string) => void;
const q = (id: string) => `“${clip(id, 64)}”`;

export function checkReferences(file: ExportFile, vault: VaultIndex, report: Report): void {
  const sections = [
    ['clients', kinds.client, file.clients],
    ['sessions', kinds.session, file.sessions],
    ['notes', kinds.note, file.notes],
    ['processNotes', kinds.processNote, file.processNotes ?? []],
    ['measures', kinds.measure, file.measures],
    ['templates', kinds.template, file.templates],
    ...clinicalSections(file),
  ] as const;
  for (const [key, kind, records] of sections) checkIds(key, kind, records, vault, report);

  const codes = new Map<string, number>();
  file.clients.forEach((client, i) => {
    const code = client.code.toLowerCase();
    const existing = vault.clientCodes.get(code);
    if (existing !== undefined)
      report(`clients[${i}].code`, `The vault already has a client with code ${existing}.`);
    const earlier = codes.get(code);
    if (earlier !== undefined)
      report(`clients[${i}].code`, `The code ${client.code} is also used by clients[${earlier}].`);
    else codes.set(code, i);
  });

  const clientIds = new Set(file.clients.map((c) => c.id));
  const hasClient = (id: string) => clientIds.has(id) || vault.ids.get(kinds.client)?.has(id) === true;
  const sessionClients = new Map(file.sessions.map((s) => [s.id, s.clientId]));
  file.sessions.forEach((session, i) => {
    if (!hasClient(session.clientId)) {
      report(`sessions[${i}].clientId`, `No client with id ${q(session.clientId)} in the file or the vault.`);
    }
  });

  checkNotes(file, vault, sessionClients, report);
  checkProcessNotes(file, vault, sessionClients, report);
  checkMeasures(file, vault, sessionClients, report);
  checkTemplates(file, vault, report);
  checkClinicalReferences(file, vault, hasClient, report);
}

/** The one measure a session may hold of an instrument, as a key. */
export const measureSlot = (m: { sessionId: string; instrument: string }): string =>
  `${m.sessionId}/${m.instrument}`;

function checkMeasures(
  file: ExportFile,
  vault: VaultIndex,
  sessionClients: Map<string, string>,
  report: Report,
): void {
  const slots = new Map<string, number>();
  file.measures.forEach((measure, i) => {
    const at = (field: string) => `measures[${i}].${field}`;
    const sessionClient =
      sessionClients.get(measure.sessionId) ?? vault.sessionClients.get(measure.sessionId);
    if (sessionClient === undefined) {
      report(at('sessionId'), `No session with id ${q(measure.sessionId)} in the file or the vault.`);
    } else if (sessionClient !== measure.clientId) {
      report(at('clientId'), 'The measure’s client is not the client of its session.');
    }
    const slot = measureSlot(measure);
    const earlier = slots.get(slot);
    if (vault.measureSlots.has(slot))
      report(
        at('instrument'),
        'That session already has this measure in the vault; a session has one of each.',
      );
    else if (earlier !== undefined)
      report(at('instrument'), `That session already has this measure: measures[${earlier}].`);
    else slots.set(slot, i);
  });
}

function checkIds(
  key: string,
  kind: string,
  records: readonly { id: string }[],
  vault: VaultIndex,
  report: Report,
): void {
  const seen = new Map<string, number>();
  records.forEach((record, i) => {
    const path = `${key}[${i}].id`;
    // The vault's ids are a little stricter than the schema's: they start with a letter or digit.
    if (!ID_PATTERN.test(record.id)) report(path, 'An id must start with a letter or digit.');
    if (vault.ids.get(kind)?.has(record.id))
      report(path, `A ${kind} with id ${q(record.id)} is already in the vault.`);
    const earlier = seen.get(record.id);
    if (earlier !== undefined) report(path, `The id ${q(record.id)} is also used by ${key}[${earlier}].`);
    else seen.set(record.id, i);
  });
}

function checkNotes(
  file: ExportFile,
  vault: VaultIndex,
  sessionClients: Map<string, string>,
  report: Report,
): void {
  const templateIds = new Set([
    ...builtInTemplates.map((t) => t.id),
    ...file.templates.map((t) => t.id),
    ...(vault.ids.get(kinds.template) ?? []),
  ]);
  const noted = new Map<string, number>();
  for (const existing of vault.notes.values()) noted.set(existing.sessionId, -1);
  file.notes.forEach((note, i) => {
    const at = (field: string) => `notes[${i}].${field}`;
    const sessionClient = sessionClients.get(note.sessionId) ?? vault.sessionClients.get(note.sessionId);
    if (sessionClient === undefined) {
      report(at('sessionId'), `No session with id ${q(note.sessionId)} in the file or the vault.`);
    } else if (sessionClient !== note.clientId) {
      report(at('clientId'), 'The note’s client is not the client of its session.');
    }
    const earlier = noted.get(note.sessionId);
    if (earlier === -1)
      report(at('sessionId'), 'That session already has a note in the vault; a session has one note.');
    else if (earlier !== undefined)
      report(at('sessionId'), `That session already has a note: notes[${earlier}].`);
    else noted.set(note.sessionId, i);
    if (!templateIds.has(note.templateId)) {
      report(
        at('templateId'),
        `No template with id ${q(note.templateId)} is built in, in the file or in the vault.`,
      );
    }
    if (note.signed && !signatureMatches(note)) {
      report(
        at('signed.contentHash'),
        'The signed content was changed after signing: its hash does not match.',
      );
    }
  });
}

function checkProcessNotes(
  file: ExportFile,
  vault: VaultIndex,
  sessionClients: Map<string, string>,
  report: Report,
): void {
  const notes = new Map(file.notes.map((n) => [n.id, { sessionId: n.sessionId, clientId: n.clientId }]));
  (file.processNotes ?? []).forEach((processNote, i) => {
    const at = (field: string) => `processNotes[${i}].${field}`;
    if (processNote.noteId === null) {
      // Written for a session without a progress note: ProcessNoteService gives it the session's id.
      if (processNote.id !== processNote.sessionId)
        report(at('id'), 'A process note without a progress note must have the id of its session.');
      const clientId =
        sessionClients.get(processNote.sessionId) ?? vault.sessionClients.get(processNote.sessionId);
      if (clientId === undefined)
        report(at('sessionId'), `No session with id ${q(processNote.sessionId)} in the file or the vault.`);
      else if (clientId !== processNote.clientId)
        report(at('clientId'), 'This is not the client of the process note’s session.');
      return;
    }
    // ProcessNoteService keeps one process note per note by giving it the note's id.
    if (processNote.id !== processNote.noteId)
      report(at('id'), 'A process note’s id must be the id of its note.');
    const note = notes.get(processNote.noteId) ?? vault.notes.get(processNote.noteId);
    if (!note) {
      report(at('noteId'), `No note with id ${q(processNote.noteId)} in the file or the vault.`);
      return;
    }
    if (note.sessionId !== processNote.sessionId)
      report(at('sessionId'), 'This is not the session of the process note’s note.');
    if (note.clientId !== processNote.clientId)
      report(at('clientId'), 'This is not the client of the process note’s note.');
  });
}

function checkTemplates(file: ExportFile, vault: VaultIndex, report: Report): void {
  const builtInIds = new Set(builtInTemplates.map((t) => t.id));
  const names = new Map<string, string>();
  for (const t of builtInTemplates) names.set(t.name.toLowerCase(), 'a built-in template');
  for (const name of vault.templateNames) names.set(name, 'a template in the vault');
  file.templates.forEach((template, i) => {
    const at = (field: string) => `templates[${i}].${field}`;
    if (template.builtIn || builtInIds.has(template.id)) {
      report(at('builtIn'), 'Built-in templates come with Attune; only your own templates can be imported.');
    }
    const name = template.name.trim().toLowerCase();
    const taken = names.get(name);
    if (taken) report(at('name'), `The name “${clip(template.name, 80)}” is already used by ${taken}.`);
    else names.set(name, `templates[${i}]`);
  });
}
