/**
 * Where the therapist's own inner reactions belong. The progress note is the record the client
 * may ask to read (HIPAA 164.524); the process note is kept apart from it (164.501). So prompts
 * about what the therapist noticed in themselves live with the process note, and the few
 * progress-note fields that touch on the therapist say plainly that they are part of that record.
 */

/** Said beside a progress-note field about the therapist: who may read it. */
export const inClientRecordNotice = 'Part of the signed progress note, which the client may ask to read.';

/** Where to write instead. */
export const ownReactionsElsewhere = 'Your own inner reactions go in the private process note.';

/** The process note's guidance: what belongs there rather than in the progress note. */
export const processNoteGuidance =
  'For what is yours rather than the record’s: what you noticed in yourself (feelings, body, the pull ' +
  'to rescue, push or withdraw), your own part in any rupture, what to take to supervision. Kept apart ' +
  'from the progress note, not part of the signed record, never exported unless you choose.';

/** The process note's prompt, shown in the empty field. */
export const processNotePrompt =
  'What did you notice in yourself? What was your part in any rupture? What will you take to supervision?';
