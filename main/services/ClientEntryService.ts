import type { ClientEntryForm, ClientEntryStatus } from '../../shared/domain/clientEntry';
import type { SessionFeedback } from '../../shared/domain/feedback';
import type { MeasureAnswers } from '../../shared/measures/measureSchema';
import { draftOfNote } from '../../shared/domain/draftOfNote';
import { AttuneError } from '../../shared/errors';
import type { ClientEntryReturn } from '../../shared/ipc/contract';
import { assertStillOpen, confirmPassphrase } from './confirmPassphrase';
import type { MeasureService } from './MeasureService';
import type { NoteService } from './NoteService';
import type { VaultSession } from './VaultSession';

interface ActiveEntry {
  noteId: string;
  clientId: string;
  sessionId: string;
  form: ClientEntryForm;
  greeting: string | null;
}

const notThisForm = 'These answers are not for the form on screen. Finish the form that is shown.';

/**
 * Client entry mode: the therapist hands the computer to the client for one form. While it is
 * on, the IPC gate (main/ipc/clientEntryGate.ts) refuses everything but this form's calls; the
 * form's answers go into the note it was started from, and only the vault's passphrase ends it.
 * A lock ends it too: unlocking asks for the passphrase anyway.
 */
export class ClientEntryService {
  #active: ActiveEntry | null = null;

  constructor(
    private readonly session: VaultSession,
    private readonly notes: NoteService,
    private readonly measures: MeasureService,
  ) {
    session.onBeforeLock(async () => {
      this.#active = null;
    });
  }

  /** Whether client entry is on: the IPC gate asks before every call. */
  get active(): boolean {
    return this.#active !== null;
  }

  status(): ClientEntryStatus {
    const entry = this.#active;
    return entry ? { active: true, form: entry.form, greeting: entry.greeting } : { active: false };
  }

  /** Starts client entry over a draft note (the client's answers could not go into a signed one). */
  async start(noteId: string, form: ClientEntryForm, greeting: string | null): Promise<ClientEntryStatus> {
    const note = await this.notes.require(noteId);
    // Feedback goes into the note; measures belong to the session and may follow a signature.
    if (note.status === 'signed' && form === 'feedback') {
      throw new AttuneError(
        'read-only',
        'This note is signed, so the client’s answers can’t be added to it. Start the client’s form from the next session’s draft note.',
      );
    }
    this.#active = { noteId, clientId: note.clientId, sessionId: note.sessionId, form, greeting };
    return this.status();
  }

  /** Saves the client's session feedback into the note's draft; nothing else in it changes. */
  async saveFeedback(feedback: SessionFeedback): Promise<null> {
    const entry = this.#require();
    if (entry.form !== 'feedback') throw new AttuneError('invalid-input', notThisForm);
    const note = await this.notes.require(entry.noteId);
    if (note.status === 'signed') {
      throw new AttuneError(
        'read-only',
        'This note was signed meanwhile, so the answers can’t be added to it.',
      );
    }
    await this.notes.saveDraft(entry.noteId, { ...draftOfNote(note), feedback }, note.updatedAt);
    return null;
  }

  /**
   * Saves the client's answers as the session's measure of the instrument client entry was
   * started with, entered by the client. Items the client left out stay blank (a partial form,
   * kept but not scored).
   */
  async saveMeasure(answers: MeasureAnswers): Promise<null> {
    const entry = this.#require();
    if (entry.form === 'feedback') throw new AttuneError('invalid-input', notThisForm);
    await this.measures.save({
      sessionId: entry.sessionId,
      instrument: entry.form,
      answers,
      allowPartial: true,
      enteredBy: 'client',
    });
    return null;
  }

  /** Ends client entry when `passphrase` is the vault's; a wrong one leaves it on. */
  async finish(passphrase: string): Promise<ClientEntryReturn> {
    const entry = this.#require();
    const vault = await confirmPassphrase(this.session, passphrase, 'the form stays on screen');
    assertStillOpen(this.session, vault);
    this.#active = null;
    return { noteId: entry.noteId, clientId: entry.clientId };
  }

  #require(): ActiveEntry {
    if (!this.#active) throw new AttuneError('invalid-input', 'The client’s form is not open.');
    return this.#active;
  }
}
