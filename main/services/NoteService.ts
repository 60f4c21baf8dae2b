import { createHash, randomUUID } from 'node:crypto';
import { type NewAddendum, newAddendumSchema } from '../../shared/domain/addendumKinds';
import { emptyNote } from '../../shared/domain/emptyNote';
import { migrateNote } from '../../shared/domain/migrateNote';
import { type Note, noteSchemasFor } from '../../shared/domain/noteSchema';
import { riskSigningProblems } from '../../shared/domain/riskSchema';
import type { RuptureMarker, RuptureVocabulary } from '../../shared/domain/ruptures';
import { ruptureVocabularyFor } from '../../shared/domain/settingsSchema';
import { signableContent } from '../../shared/domain/signableContent';
import { AttuneError } from '../../shared/errors';
import type { HeldDraft, SavedDraft } from '../../shared/ipc/contract';
import { summarizeNote } from '../../shared/summaries/noteSummary';
import { type Clock, isoNow } from './Clock';
import type { HeldDraftStore } from './HeldDraftStore';
import type { NoteSearch } from './NoteSearch';
import { noteSummaries } from './noteSummaries';
import { parseOrThrow } from './parseOrThrow';
import { kinds, type RecordStore, type Writer } from './RecordStore';
import type { SessionService } from './SessionService';
import type { SettingsService } from './SettingsService';
import type { TemplateService } from './TemplateService';

/**
 * Who signs: the clinician's name from Settings; a signature never records a placeholder. Notes,
 * addenda and treatment plans are signed by it.
 */
export function signerName(settings: { clinicianName?: string | undefined }): string {
  const name = settings.clinicianName?.trim();
  if (!name) {
    throw new AttuneError(
      'invalid-input',
      'Enter your name before signing: it is recorded with each signature and addendum. You can change it later in Settings.',
    );
  }
  return name;
}

const signedMessage = 'This note is signed and can’t be changed; add an addendum instead.';
/** Shared with the process-note service: the same situation, the same words. */
export const changedSinceMessage =
  'A newer version of this note was saved after these changes were made, so they were not saved over it. Open the note to compare both versions and choose which to keep.';

/** The SHA-256, in hex, of the content a signature covers. */
export function contentHashOf(note: Note): string {
  return createHash('sha256').update(signableContent(note), 'utf8').digest('hex');
}

/**
 * Whether a signed note's content still hashes to its signature. Attune signs with SHA-256; an
 * imported note may carry SHA-512 (128 hex digits), which the interchange format accepts, so
 * both are checked here: at import and before an addendum alike.
 */
export function signatureMatches(note: Note): boolean {
  const hash = note.signed?.contentHash ?? '';
  if (hash.length === 64) return hash === contentHashOf(note);
  if (hash.length === 128)
    return hash === createHash('sha512').update(signableContent(note), 'utf8').digest('hex');
  return false;
}

export interface NoteServiceDeps {
  store: RecordStore;
  clock: Clock;
  sessions: SessionService;
  templates: TemplateService;
  settings: SettingsService;
  search: NoteSearch;
  /** Drafts not valid yet, kept until the note is saved. */
  held: HeldDraftStore;
}

/**
 * Progress notes: one per session, created from a template, autosaved as drafts, then signed.
 * A signed note's content never changes again: every later change is a dated addendum.
 */
export class NoteService {
  constructor(private readonly deps: NoteServiceDeps) {}

  async get(id: string): Promise<Note> {
    return structuredClone(await this.require(id));
  }

  /** The stored note, or a `not-found` error. */
  async require(id: string): Promise<Note> {
    const note = await this.deps.store.find<Note>(kinds.note, id);
    if (!note)
      throw new AttuneError(
        'not-found',
        'This note no longer exists in the vault. Reload the client’s page.',
      );
    // Notes written before issue 14 are read in today's shape; the record on disk is left as it is.
    return migrateNote(note);
  }

  /** A new empty draft for a session that has no note yet. */
  create(sessionId: string, templateId: string): Promise<Note> {
    return this.deps.store.write(async (writer) => {
      const session = await this.deps.sessions.require(sessionId);
      const template = await this.deps.templates.require(templateId);
      for (const other of (await noteSummaries(this.deps.store)).values()) {
        if (other.sessionId === sessionId) {
          throw new AttuneError(
            'conflict',
            'This session already has a note. Open the existing note instead.',
          );
        }
      }
      const draft = emptyNote({
        id: randomUUID(),
        sessionId,
        clientId: session.clientId,
        template,
        now: isoNow(this.deps.clock),
      });
      const note = await this.#store(writer, draft, await this.#schemas(), {
        type: 'create',
        detail: { kind: kinds.note, id: draft.id },
      });
      return structuredClone(note);
    });
  }

  /** Autosave: replaces the editable content of a draft. Signed notes refuse with `read-only`. */
  /**
   * Saves a draft's content. With `expectedUpdatedAt`, only over that version: a draft made on
   * top of an older version is refused with `conflict` rather than silently replacing a newer save.
   */
  saveDraft(id: string, draft: unknown, expectedUpdatedAt?: string): Promise<SavedDraft> {
    return this.deps.store.write(async (writer) => {
      const current = await this.require(id);
      if (current.status === 'signed') throw new AttuneError('read-only', signedMessage);
      if (expectedUpdatedAt !== undefined && current.updatedAt !== expectedUpdatedAt) {
        throw new AttuneError('conflict', changedSinceMessage);
      }
      const schemas = await this.#schemas();
      const content = parseOrThrow(schemas.draftInput, draft);
      // Drafts are not audited one autosave at a time: creation, signing and addenda are.
      const note = await this.#store(
        writer,
        { ...current, ...content, updatedAt: isoNow(this.deps.clock) },
        schemas,
      );
      // Saved on top of a draft held back before (not valid then): that draft is superseded.
      await this.deps.held.clearSuperseded(writer, 'note', id, expectedUpdatedAt);
      return { updatedAt: note.updatedAt, summary: structuredClone(summarizeNote(note)) };
    });
  }

  /**
   * Keeps a draft that cannot be saved yet (not valid) in the vault, so what was typed survives a
   * crash or quitting; the editor offers it back when the note is opened (`heldDraft`).
   */
  holdDraft(id: string, draft: Record<string, unknown>, basedOn: string | null): Promise<{ heldAt: string }> {
    return this.deps.store.write(async (writer) => {
      const current = await this.require(id);
      if (current.status === 'signed') throw new AttuneError('read-only', signedMessage);
      return { heldAt: await this.deps.held.put(writer, 'note', id, draft, basedOn) };
    });
  }

  /** This computer's held draft of a note still in draft (a signed note has none to offer). */
  async heldDraft(id: string): Promise<HeldDraft | null> {
    const current = await this.require(id);
    if (current.status === 'signed') return null;
    return structuredClone(await this.deps.held.find('note', id));
  }

  /** Drops this computer's held draft of the note: the writer kept the saved version. */
  discardHeldDraft(id: string): Promise<void> {
    return this.deps.store.write(async (writer) => {
      await this.require(id);
      await this.deps.held.clear(writer, 'note', id);
    });
  }

  /** Signs a draft: who, when and the hash of its content are recorded, and it becomes final. */
  sign(id: string): Promise<Note> {
    return this.deps.store.write(async (writer) => {
      const current = await this.require(id);
      if (current.status === 'signed') {
        throw new AttuneError('conflict', 'This note is already signed; add an addendum to change anything.');
      }
      const settings = await this.deps.settings.get();
      const at = isoNow(this.deps.clock);
      // Checked against the current vocabulary, so nothing unknown is signed.
      const schemas = noteSchemasFor(ruptureVocabularyFor(settings));
      const content = parseOrThrow(schemas.note, current);
      // A draft may hold a half-answered risk section; a signed record may not.
      const riskProblems = content.risk ? riskSigningProblems(content.risk) : [];
      if (riskProblems.length > 0) {
        throw new AttuneError('invalid-input', riskProblems.map((p) => p.message).join(' '));
      }
      const contentHash = contentHashOf(content);
      const signed: Note = {
        ...content,
        status: 'signed',
        signed: { at, by: signerName(settings), contentHash },
        updatedAt: at,
      };
      const note = await this.#store(writer, signed, schemas, {
        type: 'sign',
        detail: { kind: kinds.note, id, contentHash },
      });
      // Signed as saved: nothing held back may come back over it.
      await this.deps.held.clear(writer, 'note', id);
      return structuredClone(note);
    });
  }

  /**
   * Attaches a dated addendum to a signed note: its type (correction, clarification, late entry),
   * the reason and the text, all required. The signed content and its hash stay as they are.
   */
  addAddendum(id: string, input: NewAddendum): Promise<Note> {
    return this.deps.store.write(async (writer) => {
      // Checked before anything is read, so a missing type or reason is named whatever the note.
      const { type, reason, text } = parseOrThrow(newAddendumSchema, input);
      const current = await this.require(id);
      if (current.status !== 'signed' || !current.signed) {
        throw new AttuneError('conflict', 'Only a signed note takes addenda; edit the draft instead.');
      }
      if (!signatureMatches(current)) {
        throw new AttuneError(
          'integrity',
          'This note no longer matches the hash recorded when it was signed, so nothing was added. Run a vault check.',
        );
      }
      const settings = await this.deps.settings.get();
      const at = isoNow(this.deps.clock);
      const addendum = { id: randomUUID(), at, type, reason, by: signerName(settings), text };
      // The signed content was checked when it was signed; vocabulary changes since must not block addenda.
      const schemas = noteSchemasFor(vocabularyCovering(current, ruptureVocabularyFor(settings)));
      const note = await this.#store(
        writer,
        { ...current, addenda: [...current.addenda, addendum], updatedAt: at },
        schemas,
        { type: 'addendum', detail: { kind: kinds.note, id, addendumId: addendum.id, addendumType: type } },
      );
      return structuredClone(note);
    });
  }

  async #schemas() {
    return noteSchemasFor(ruptureVocabularyFor(await this.deps.settings.get()));
  }

  /** Parses the whole note, writes it (with its audit entry) and updates the search index. */
  async #store(
    writer: Writer,
    value: Note,
    schemas: ReturnType<typeof noteSchemasFor>,
    audit?: Parameters<Writer['put']>[3],
  ): Promise<Note> {
    const note = parseOrThrow(schemas.note, value);
    await writer.put(kinds.note, note.id, note, audit);
    this.deps.search.noteSaved(note);
    return note;
  }
}

/**
 * `vocabulary` plus whatever markers and strategies `note` already refers to, so a signed note
 * stays valid after the user removes or retypes a custom entry it used.
 */
export function vocabularyCovering(note: Note, vocabulary: RuptureVocabulary): RuptureVocabulary {
  const markers = new Map<string, RuptureMarker>();
  const strategies = new Map(vocabulary.strategies.map((s) => [s.id, s]));
  for (const r of note.ruptures) {
    for (const id of r.markers) markers.set(id, { id, type: r.type, label: id, description: '' });
    for (const id of r.strategies)
      if (!strategies.has(id)) strategies.set(id, { id, label: id, description: '' });
  }
  for (const m of vocabulary.markers) if (!markers.has(m.id)) markers.set(m.id, m);
  return { markers: [...markers.values()], strategies: [...strategies.values()] };
}
