import type { Note } from '../../shared/domain/noteSchema';
import { NOTE_SUMMARY_SCHEMA, type NoteSummary, summarizeNote } from '../../shared/summaries/noteSummary';
import { kinds, type RecordStore } from './RecordStore';

const NOTE_SUMMARIES = Symbol('note-summaries');

/**
 * Every note's summary by note id: computed once per unlock as the notes are read, then kept in
 * step with saves (RecordStore.view). What needs a note's session, client, status or template
 * reads this instead of parsing every note (notes are kept as their JSON, recordTables.ts).
 * This computer keeps them sealed between unlocks (FORMAT.md §17), so an unlock parses only the
 * notes written since the last one: Today and the lists do not wait for ten thousand parses.
 */
export function noteSummaries(store: RecordStore): Promise<ReadonlyMap<string, NoteSummary>> {
  return store.view<Note, NoteSummary>(kinds.note, NOTE_SUMMARIES, summarizeNote, {
    name: 'note-summaries',
    schema: NOTE_SUMMARY_SCHEMA,
  });
}
