import { describe, expect, it } from 'vitest';
import {
  emptyRupture,
  extendRuptureVocabulary,
  MAX_TEXT_LENGTH,
  noteDraftInputSchema,
  noteSchema,
  noteSchemasFor,
  ruptureMinuteWarnings,
  ruptureSchema,
} from '../../../shared/domain';
import { filledNote, now, withdrawal } from './fixtures';
import { issuesOf } from './zodIssues';

const signature = { at: '2025-03-14T11:00:00Z', by: 'Dr M. Rossi', contentHash: 'ab'.repeat(32) };

describe('noteSchema', () => {
  it('accepts a filled draft and a signed note with an addendum', () => {
    const note = filledNote();
    expect(noteSchema.parse(note)).toEqual(note);
    const signed = {
      ...note,
      status: 'signed',
      signed: signature,
      addenda: [{ id: 'a1', at: '2025-03-15T08:00:00Z', by: 'Dr M. Rossi', text: 'Client called to add…' }],
    };
    expect(noteSchema.safeParse(signed).success).toBe(true);
  });

  it('fills defaults for co-regulation, feedback and rupture minutes', () => {
    const { coRegulation: _c, feedback: _f, ...rest } = filledNote();
    const { minute: _m, repairMinute: _r, ...rupture } = withdrawal();
    const parsed = noteSchema.parse({ ...rest, ruptures: [rupture] });
    expect(parsed.coRegulation).toBe('');
    expect(parsed.feedback).toBeNull();
    expect(parsed.ruptures[0]).toMatchObject({ minute: null, repairMinute: null });
  });

  it('keeps "Did not come up" and "Could not judge" apart, and reads an old empty rating as "Could not judge"', () => {
    const note = filledNote();
    const entry = (rating: number | null, unrated?: unknown) => ({
      ...note,
      attunement: { ...note.attunement, cognitive: { rating, unrated, observation: '', response: '' } },
    });
    const parsed = (input: unknown) => noteSchema.parse(input).attunement.cognitive;
    expect(parsed(entry(null, 'did-not-come-up')).unrated).toBe('did-not-come-up');
    expect(parsed(entry(null, 'could-not-judge')).unrated).toBe('could-not-judge');
    // Migration: notes before issue 14 hold only `rating: null`, offered as "Not observed" and
    // described as "Could not be judged", so that is what they read as.
    const { unrated: _, ...old } = entry(null).attunement.cognitive;
    expect(Object.keys(old)).not.toContain('unrated');
    expect(parsed({ ...note, attunement: { ...note.attunement, cognitive: old } }).unrated).toBe(
      'could-not-judge',
    );
    // A rated entry carries no reason, whatever came in beside the rating.
    expect(parsed(entry(3, 'did-not-come-up'))).toMatchObject({ rating: 3, unrated: null });
    expect(issuesOf(noteSchema, entry(null, 'skipped'))).toEqual([
      'attunement.cognitive.unrated: Choose why there is no rating: “Did not come up” or “Could not judge”.',
    ]);
  });

  it('rates each dimension 1–5 or not observed, and needs all five', () => {
    const note = filledNote();
    note.attunement.cognitive.rating = null;
    expect(noteSchema.safeParse(note).success).toBe(true);
    const message = 'Rate attunement from 1 to 5, or choose “Did not come up” or “Could not judge”.';
    for (const rating of [0, 6, 2.5, '3']) {
      const bad = {
        ...note,
        attunement: { ...note.attunement, empathic: { ...note.attunement.empathic, rating } },
      };
      expect(issuesOf(noteSchema, bad)).toEqual([`attunement.empathic.rating: ${message}`]);
    }
    expect(
      issuesOf(noteSchema, {
        ...note,
        attunement: { ...note.attunement, somatic: note.attunement.affective },
      }),
    ).toEqual(['attunement: Unrecognized key: "somatic"']);
    const { rhythmic: _, ...four } = note.attunement;
    expect(issuesOf(noteSchema, { ...note, attunement: four })).toEqual([
      'attunement.rhythmic: Each of the five dimensions needs an entry: a rating, “Did not come up” or “Could not judge”, an observation and a response.',
    ]);
  });

  it('says which field is too long', () => {
    const note = { ...filledNote(), plan: 'x'.repeat(MAX_TEXT_LENGTH + 1) };
    expect(issuesOf(noteSchema, note)).toEqual([
      'plan: The plan is too long: keep it under 200,000 characters.',
    ]);
    const sections = { subjective: 'x'.repeat(MAX_TEXT_LENGTH + 1) };
    expect(issuesOf(noteSchema, { ...filledNote(), sections })).toEqual([
      'sections.subjective: This section is too long: keep it under 200,000 characters.',
    ]);
    expect(issuesOf(noteSchema, { ...filledNote(), sections: { 'Bad Key': '' } })).toEqual([
      'sections.Bad Key: A section id starts with a lower-case letter and has up to 40 lower-case letters, digits or dashes.',
    ]);
    expect(noteSchema.safeParse({ ...filledNote(), plan: 'x'.repeat(MAX_TEXT_LENGTH) }).success).toBe(true);
  });

  it('keeps signature, status and addenda consistent', () => {
    const note = filledNote();
    expect(issuesOf(noteSchema, { ...note, status: 'signed' })).toEqual([
      'signed: A signed note needs its signature: who signed, when, and the content hash.',
    ]);
    expect(issuesOf(noteSchema, { ...note, signed: signature })).toEqual([
      'signed: A draft note can’t carry a signature.',
    ]);
    const addendum = { id: 'a1', at: '2025-03-15T08:00:00Z', by: 'Dr M. Rossi', text: 'Later.' };
    expect(issuesOf(noteSchema, { ...note, addenda: [addendum] })).toEqual([
      'addenda: Addenda can only be added to a signed note; edit the draft instead.',
    ]);
    const early = { ...addendum, at: '2025-03-14T10:59:59Z' };
    expect(issuesOf(noteSchema, { ...note, status: 'signed', signed: signature, addenda: [early] })).toEqual([
      'addenda.0.at: An addendum can’t be dated before the note was signed.',
    ]);
    expect(
      issuesOf(noteSchema, {
        ...note,
        status: 'signed',
        signed: signature,
        addenda: [{ ...addendum, text: ' ' }],
      }),
    ).toEqual(['addenda.0.text: Write the text of the addendum.']);
    expect(
      issuesOf(noteSchema, { ...note, status: 'signed', signed: { ...signature, contentHash: 'XYZ' } }),
    ).toEqual(['signed.contentHash: The content hash must be 64–128 lower-case hex characters.']);
  });

  it('normalises named feelings and refuses duplicates', () => {
    const note = filledNote();
    note.participation.namedFeelings.emotions = ['  Disappointed ', 'ashamed'];
    expect(noteSchema.parse(note).participation.namedFeelings.emotions).toEqual(['disappointed', 'ashamed']);
    note.participation.namedFeelings.emotions = ['Sad', 'sad'];
    expect(issuesOf(noteSchema, note)).toEqual([
      'participation.namedFeelings.emotions: Each named feeling can be listed only once.',
    ]);
    note.participation.namedFeelings.emotions = [' '];
    expect(issuesOf(noteSchema, note)).toEqual([
      'participation.namedFeelings.emotions.0: Each named feeling is a word or short phrase of up to 60 characters.',
    ]);
  });

  it('explains bad session judgments', () => {
    const note = { ...filledNote(), sessionJudgments: { therapistContribution: 7, overallResolution: null } };
    expect(issuesOf(noteSchema, note)).toEqual([
      'sessionJudgments.therapistContribution: Rate your contribution to ruptures from 1 to 5, or leave it blank.',
    ]);
  });
});

describe('ruptures in a note', () => {
  it('accepts a fresh rupture so it can be autosaved before it is filled in', () => {
    expect(ruptureSchema.safeParse(emptyRupture('r9', 'confrontation')).success).toBe(true);
  });

  it('requires markers to belong to the rupture type', () => {
    const bad = withdrawal({ type: 'confrontation', markers: ['rejects-intervention', 'minimal-response'] });
    expect(issuesOf(ruptureSchema, bad)).toEqual([
      'markers.1: Markers must match the rupture type: “Minimal response” is a withdrawal marker, but this rupture is a confrontation.',
    ]);
    const note = {
      ...filledNote(),
      ruptures: [withdrawal(), withdrawal({ id: 'r2', markers: ['defends-self'] })],
    };
    expect(issuesOf(noteSchema, note)).toEqual([
      'ruptures.1.markers.0: Markers must match the rupture type: “Defends self against the therapist” is a confrontation marker, but this rupture is a withdrawal.',
    ]);
  });

  it('refuses unknown markers and strategies, and repeats', () => {
    expect(issuesOf(ruptureSchema, withdrawal({ markers: ['sulking'] }))).toEqual([
      'markers.0: “sulking” is not a known rupture marker.',
    ]);
    expect(issuesOf(ruptureSchema, withdrawal({ strategies: ['ignore-it'] }))).toEqual([
      'strategies.0: “ignore-it” is not a known resolution strategy.',
    ]);
    expect(issuesOf(ruptureSchema, withdrawal({ markers: ['denial', 'denial'] }))).toEqual([
      'markers: Rupture markers: each can be chosen only once.',
    ]);
  });

  it('accepts the user’s own markers when checked against the extended vocabulary', () => {
    const vocabulary = extendRuptureVocabulary({
      markers: [
        { id: 'over-talks', type: 'confrontation', label: 'Talks over the therapist', description: '' },
      ],
    });
    const rupture = withdrawal({ type: 'confrontation', markers: ['over-talks'] });
    expect(ruptureSchema.safeParse(rupture).success).toBe(false);
    const { note } = noteSchemasFor(vocabulary);
    expect(note.safeParse({ ...filledNote(), ruptures: [rupture] }).success).toBe(true);
  });

  it('requires the repair minute to be at or after the rupture minute', () => {
    expect(issuesOf(ruptureSchema, withdrawal({ minute: 20, repairMinute: 15 }))).toEqual([
      'repairMinute: The repair minute can’t be earlier than the minute the rupture began.',
    ]);
    expect(ruptureSchema.safeParse(withdrawal({ minute: 20, repairMinute: 20 })).success).toBe(true);
    expect(ruptureSchema.safeParse(withdrawal({ minute: null, repairMinute: 5 })).success).toBe(true);
    expect(ruptureSchema.safeParse(withdrawal({ minute: 40, repairMinute: null })).success).toBe(true);
  });

  it('warns of a rupture or repair minute after the session ended, and still accepts it', () => {
    const late = withdrawal({ minute: 200, repairMinute: 210 });
    expect(ruptureMinuteWarnings(late, 50)).toEqual({
      minute: 'This is after the session ended (50 minutes); fine if the session ran over.',
      repairMinute: 'This is after the session ended (50 minutes); fine if the session ran over.',
    });
    // A warning, not an error: sessions run over, and a session's length can change after its note.
    expect(ruptureSchema.safeParse(late).success).toBe(true);
    // The session's last minute is within it; a repair alone can be late.
    expect(ruptureMinuteWarnings(withdrawal({ minute: 50, repairMinute: 51 }), 50)).toEqual({
      repairMinute: expect.stringMatching(/^This is after the session ended \(50 minutes\)/),
    });
    expect(ruptureMinuteWarnings(withdrawal({ minute: 2, repairMinute: null }), 1).minute).toMatch(
      /\(1 minute\)/,
    );
    expect(ruptureMinuteWarnings(withdrawal({ minute: null, repairMinute: null }), 50)).toEqual({});
    // Before the session is known, nothing is said.
    expect(ruptureMinuteWarnings(late, undefined)).toEqual({});
  });

  it('keeps minutes, salience, outcome and type within range', () => {
    const minute = 'Enter the minute as a whole number from 0 to 600, or leave it blank.';
    expect(issuesOf(ruptureSchema, withdrawal({ minute: 601, repairMinute: null }))).toEqual([
      `minute: ${minute}`,
    ]);
    expect(issuesOf(ruptureSchema, withdrawal({ minute: -1 }))).toEqual([`minute: ${minute}`]);
    expect(issuesOf(ruptureSchema, withdrawal({ salience: 0 }))).toEqual([
      'salience: Rate salience from 1 (barely noticeable) to 5 (dominated the session).',
    ]);
    expect(issuesOf(ruptureSchema, { ...withdrawal(), outcome: 'fixed' })).toEqual([
      'outcome: Choose an outcome: resolved, partially resolved or unresolved.',
    ]);
    expect(issuesOf(ruptureSchema, { ...withdrawal(), type: 'anger' })).toEqual([
      'type: Choose a rupture type: withdrawal or confrontation.',
    ]);
    expect(issuesOf(ruptureSchema, { ...withdrawal(), followedLapseOf: ['somatic'] })).toEqual([
      'followedLapseOf.0: Choose dimensions from the five attunement dimensions.',
    ]);
  });

  it('needs distinct rupture ids within a note', () => {
    const note = { ...filledNote(), ruptures: [withdrawal(), withdrawal()] };
    expect(issuesOf(noteSchema, note)).toEqual(['ruptures: Each rupture needs its own id.']);
  });
});

describe('noteDraftInputSchema', () => {
  it('takes the editable content only', () => {
    const {
      id: _i,
      sessionId: _s,
      clientId: _c,
      templateId: _t,
      status: _st,
      addenda: _a,
      createdAt: _ca,
      updatedAt: _u,
      ...draft
    } = filledNote();
    expect(noteDraftInputSchema.parse(draft)).toEqual(draft);
    expect(issuesOf(noteDraftInputSchema, { ...draft, status: 'signed' })).toEqual([
      ': Unrecognized key: "status"',
    ]);
    expect(issuesOf(noteDraftInputSchema, { ...draft, updatedAt: now })).toEqual([
      ': Unrecognized key: "updatedAt"',
    ]);
  });
});
