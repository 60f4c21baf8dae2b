import type { Note } from '../../shared/domain/noteSchema';
import type { TodayNoteFacts } from '../../shared/summaries/todaySlice';
import { kinds, type RecordStore } from './RecordStore';

const NOTE_FACTS = Symbol('note-facts');

/** The shape of a note's facts as kept on this computer: bump it when `factsOf` changes. */
const NOTE_FACTS_SCHEMA = 1;

const factsOf = (note: Note): TodayNoteFacts => ({
  sessionId: note.sessionId,
  status: note.status,
  signedAt: note.signed?.at ?? null,
});

/**
 * What Today needs of every note to pick its sessions (session, status, when signed), by note
 * id: a view of its own, kept sealed on this computer between unlocks (FORMAT.md §17) like the
 * summaries but a tenth of their size, so Today's slice is ready in tens of milliseconds after
 * unlock rather than after every summary is read.
 */
export function noteFacts(store: RecordStore): Promise<ReadonlyMap<string, TodayNoteFacts>> {
  return store.view<Note, TodayNoteFacts>(kinds.note, NOTE_FACTS, factsOf, {
    name: 'note-facts',
    schema: NOTE_FACTS_SCHEMA,
  });
}
