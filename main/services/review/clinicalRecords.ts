/**
 * Reads the clinician's records a packet is built from, straight from the vault (the source of
 * truth), so a packet always reflects the last save. Notes are found by session without
 * decrypting the whole caseload each time: which session each note revision belongs to is
 * remembered for as long as that unlocked vault lives.
 */
import type { Client } from '../../../shared/domain/clientSchema';
import type { Note } from '../../../shared/domain/noteSchema';
import type { Measure } from '../../../shared/measures/measureSchema';
import type { ProcessNote } from '../../../shared/domain/processNoteSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import { defaultSettings, type Settings } from '../../../shared/domain/settingsSchema';
import { builtInTemplate, type Template } from '../../../shared/domain/templates';
import { AttuneError } from '../../../shared/errors';
import { kinds } from '../RecordStore';
import { SETTINGS_ID } from '../SettingsService';
import { findRecord, type ReviewVault, valuesOf } from './reviewKinds';

/** Per unlocked vault: note id → the revision last seen and its session. Dropped with the vault. */
const noteSessions = new WeakMap<object, Map<string, { rev: number; sessionId: string }>>();

export async function clientById(vault: ReviewVault, id: string): Promise<Client> {
  const client = await findRecord<Client>(vault, kinds.client, id);
  if (!client)
    throw new AttuneError('not-found', 'This client no longer exists in the vault. Reload the client list.');
  return client;
}

export async function clientByCode(vault: ReviewVault, code: string): Promise<Client> {
  const wanted = code.toLowerCase();
  const client = (await valuesOf<Client>(vault, kinds.client)).find((c) => c.code.toLowerCase() === wanted);
  if (!client) throw new AttuneError('not-found', `There is no client with code ${code} in this vault.`);
  return client;
}

/** A client's sessions (any order). */
export async function sessionsOf(vault: ReviewVault, clientId: string): Promise<Session[]> {
  return (await valuesOf<Session>(vault, kinds.session)).filter((s) => s.clientId === clientId);
}

/** The measures given at `sessionIds` (any order). */
export async function measuresOfSessions(
  vault: ReviewVault,
  sessionIds: ReadonlySet<string>,
): Promise<Measure[]> {
  return (await valuesOf<Measure>(vault, kinds.measure)).filter((m) => sessionIds.has(m.sessionId));
}

/** The note of each of `sessionIds` that has one (the latest updated, should there be two). */
export async function notesOfSessions(
  vault: ReviewVault,
  sessionIds: ReadonlySet<string>,
): Promise<Map<string, Note>> {
  let known = noteSessions.get(vault);
  if (!known) {
    known = new Map();
    noteSessions.set(vault, known);
  }
  const out = new Map<string, Note>();
  const consider = (note: Note) => {
    const other = out.get(note.sessionId);
    if (!other || note.updatedAt > other.updatedAt) out.set(note.sessionId, note);
  };
  const metas = vault.list(kinds.note);
  const live = new Set(metas.map((m) => m.id));
  for (const id of known.keys()) if (!live.has(id)) known.delete(id);
  const unseen = metas.filter((m) => known.get(m.id)?.rev !== m.rev);
  if (unseen.length > 64) {
    // First use after unlock, or many changes: one fast pass over every note.
    for (const { id, rev, value } of await vault.getAll<Note>(kinds.note)) {
      known.set(id, { rev, sessionId: value.sessionId });
      if (sessionIds.has(value.sessionId)) consider(value);
    }
    return out;
  }
  for (const meta of metas) {
    const seen = known.get(meta.id);
    if (seen && seen.rev === meta.rev && !sessionIds.has(seen.sessionId)) continue;
    const note = await vault.get<Note>(kinds.note, meta.id);
    known.set(meta.id, { rev: meta.rev, sessionId: note.sessionId });
    if (sessionIds.has(note.sessionId)) consider(note);
  }
  return out;
}

/**
 * The process note of a progress note's session, if one was written: beside the note (its id),
 * or for the session before the note existed (the session's id; ProcessNoteService).
 */
export async function processNoteOf(
  vault: ReviewVault,
  note: { id: string; sessionId: string },
): Promise<ProcessNote | undefined> {
  return (
    (await findRecord<ProcessNote>(vault, kinds.processNote, note.id)) ??
    (await findRecord<ProcessNote>(vault, kinds.processNote, note.sessionId))
  );
}

export async function settingsOf(vault: ReviewVault): Promise<Settings> {
  return (await findRecord<Settings>(vault, kinds.setting, SETTINGS_ID)) ?? defaultSettings();
}

/** A built-in or user template, or undefined if it was removed. */
export async function templateOf(vault: ReviewVault, id: string): Promise<Template | undefined> {
  return builtInTemplate(id) ?? (await findRecord<Template>(vault, kinds.template, id));
}
