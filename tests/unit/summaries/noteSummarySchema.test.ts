import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Note } from '../../../shared/domain/noteSchema';
import { NOTE_SUMMARY_SCHEMA, summarizeNote } from '../../../shared/summaries/noteSummary';

/**
 * Each computer keeps the note summaries between unlocks under NOTE_SUMMARY_SCHEMA (FORMAT.md
 * §17): a copy made by an older build is reused only while summarizeNote gives the same thing.
 * This pins what it gives for a few frozen demo notes (a signed note with ruptures and feedback,
 * a draft, a short one) to the schema number, so a change to the
 * summaries that forgets to bump it fails here instead of showing stale summaries after an update.
 */
const PINNED: Record<number, string> = {
  1: '1ea638c83de5a87a669c777ce51c4df244cfa9200bf3205b94d9118cb94718a0',
};

describe('the note summaries kept between unlocks', () => {
  it('give the same output as the schema they are kept under (bump NOTE_SUMMARY_SCHEMA when this changes)', () => {
    const fixture = join(__dirname, '../../fixtures/note-summary-schema/notes.json');
    const notes = JSON.parse(readFileSync(fixture, 'utf8')) as Note[];
    const digest = createHash('sha256')
      .update(JSON.stringify(notes.map(summarizeNote)))
      .digest('hex');
    expect({ schema: NOTE_SUMMARY_SCHEMA, digest }).toEqual({
      schema: NOTE_SUMMARY_SCHEMA,
      digest: PINNED[NOTE_SUMMARY_SCHEMA],
    });
  });
});
