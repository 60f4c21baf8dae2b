/**
 * The five attunement dimensions as data. The note editor, the analytics and the exports all
 * read them from here, so changing a prompt or an anchor is a data change in one place.
 */

import { inClientRecordNotice, ownReactionsElsewhere } from './selfObservation';

/** The ids of the five dimensions, in the order they are shown. */
export const dimensionIds = ['affective', 'cognitive', 'developmental', 'rhythmic', 'empathic'] as const;

/** One of the five attunement dimensions. */
export type DimensionId = (typeof dimensionIds)[number];

/** The values of a 1–5 attunement rating; `null` in a note means no rating (see `UnratedReason`). */
export const ratingValues = [1, 2, 3, 4, 5] as const;

/** A 1–5 rating value. */
export type RatingValue = (typeof ratingValues)[number];

/** What a rating value means, shown beside the rating control. */
export interface RatingAnchor {
  value: RatingValue;
  label: string;
  description: string;
}

/** One attunement dimension: what it is, where it comes from, and what to ask the writer. */
export interface Dimension {
  id: DimensionId;
  /** Full name, also the accessible name of the rating control ("Affective attunement"). */
  label: string;
  /** One word, for chart legends and table headers. */
  shortLabel: string;
  description: string;
  /** Author and year, as cited in the practitioner literature. */
  source: string;
  /** The question the writer answers for this dimension. */
  prompt: string;
  /** Placeholder for the observation field: what the client did. */
  observationPrompt: string;
  /** Placeholder for the response field: what the therapist did with it. */
  responsePrompt: string;
  /** Meaning of each rating 1–5 for this dimension, lowest first, written from its definition. */
  anchors: readonly RatingAnchor[];
}

/** The names of the five rating steps, lowest first; what each step means is per dimension. */
export const ratingLabels: Readonly<Record<RatingValue, string>> = {
  1: 'Misattuned',
  2: 'Limited',
  3: 'Adequate',
  4: 'Good',
  5: 'Deep',
};

/**
 * Why a dimension was left without a rating. The two are different answers: nothing of the
 * dimension arose in the session, or it arose and the writer could not tell how attuned they
 * were. Notes before issue 14 had one "Not observed" choice, described as "could not be judged".
 */
export const unratedReasonIds = ['did-not-come-up', 'could-not-judge'] as const;

/** Why a dimension has no rating. */
export type UnratedReason = (typeof unratedReasonIds)[number];

/** A reason for no rating, as offered beside the five ratings. */
export interface UnratedChoice {
  id: UnratedReason;
  label: string;
  description: string;
}

/** The two choices beside the five ratings, in the order shown. */
export const unratedChoices: readonly UnratedChoice[] = [
  {
    id: 'did-not-come-up',
    label: 'Did not come up',
    description: 'Nothing of this dimension arose in the session, so there was nothing to rate.',
  },
  {
    id: 'could-not-judge',
    label: 'Could not judge',
    description: 'It came up, but you could not tell how attuned you were (too brief, or unclear).',
  },
];

/** The label and description of a reason for no rating. */
export function unratedChoice(id: UnratedReason): UnratedChoice {
  // Every UnratedReason has an entry; find only loses that fact in the type.
  return unratedChoices.find((c) => c.id === id)!;
}

/** Builds a dimension's five anchors from its descriptions, lowest first, under the shared labels. */
function anchors(descriptions: readonly [string, string, string, string, string]): readonly RatingAnchor[] {
  return ratingValues.map((value, i) => ({
    value,
    label: ratingLabels[value],
    description: descriptions[i]!,
  }));
}

/** The five dimensions, in display order. */
export const dimensions: readonly Dimension[] = [
  {
    id: 'affective',
    label: 'Affective attunement',
    shortLabel: 'Affective',
    description:
      'Picking up what the client feels and showing it back through tone of voice, presence and ' +
      'warmth, so that the client feels understood from the inside.',
    source: 'Stern 1985',
    prompt: 'What was the client feeling, and how did your tone and presence reflect it?',
    observationPrompt: 'Feelings you noticed, and how they showed (voice, face, posture, words).',
    responsePrompt: 'How you reflected them back, and how the client took it.',
    anchors: anchors([
      'The client’s feelings were missed, or met with a tone that contradicted them.',
      'Feelings were picked up at moments, but your tone and presence mostly did not reflect them.',
      'You reflected the main feelings, with some lag or a mismatch in intensity or warmth.',
      'Your tone, presence and warmth followed the client’s feelings closely; small misses were caught quickly.',
      'You matched the intensity, form and rhythm of the client’s feelings; the client visibly felt understood.',
    ]),
  },
  {
    id: 'cognitive',
    label: 'Cognitive attunement',
    shortLabel: 'Cognitive',
    description:
      'Following how the client thinks and makes sense of their experience, and putting things in ' +
      'terms that fit their view, so that the work feels shared rather than imposed.',
    source: 'Safran & Muran 2000',
    prompt: 'How was the client making sense of things, and did your words fit their frame?',
    observationPrompt: 'The client’s way of understanding: beliefs, explanations, recurring thoughts.',
    responsePrompt: 'How you put it in their terms, and whether it invited collaboration.',
    anchors: anchors([
      'The client’s way of making sense of things was missed or overridden; your words imposed another frame.',
      'You grasped their view at moments, but mostly spoke from your own frame.',
      'You followed their meaning-making in outline; your words fitted only in part, or after a correction.',
      'You followed their thinking closely and put things in their terms; small misreadings were set right quickly.',
      'Your words mirrored their perspective so that they built on them; the understanding felt shared, not imposed.',
    ]),
  },
  {
    id: 'developmental',
    label: 'Developmental attunement',
    shortLabel: 'Developmental',
    description:
      'Noticing when younger feelings or old vulnerabilities come forward, the "child self", and ' +
      'adapting pace and support to meet them with care.',
    source: 'Erskine 2015',
    prompt: 'Did earlier or younger states come up, and how did you adapt your pace and support?',
    observationPrompt: 'Signs of an earlier state: a shift in voice, age-feel, need or fear.',
    responsePrompt: 'How you slowed, steadied or supported, and what happened next.',
    anchors: anchors([
      'Younger states or old vulnerabilities went unnoticed, or were met with a pace or demand that overwhelmed.',
      'You noticed an earlier state at moments but did not change your pace or support.',
      'You adjusted pace and support when an earlier state emerged, but late or not fully enough.',
      'You noticed earlier states as they emerged and slowed or steadied in time; small misses were repaired.',
      'You met the earlier state with the pace and care it needed; the client could stay with it and felt held.',
    ]),
  },
  {
    id: 'rhythmic',
    label: 'Rhythmic attunement',
    shortLabel: 'Rhythmic',
    description:
      'Sensing the natural tempo of the client’s speech and pauses and adjusting your own, slowing ' +
      'down or moving along, so that the conversation keeps its flow and connection.',
    source: 'Schore 2003',
    prompt: 'What was the client’s pace, and when did you slow down or speed up to meet it?',
    observationPrompt: 'The client’s tempo: speed, pauses, silences, changes over the session.',
    responsePrompt: 'How you matched or shifted the pace, and the effect on the flow.',
    anchors: anchors([
      'Your tempo clashed with the client’s: rushing, dragging or talking over pauses; the flow broke down.',
      'Your pace met the client’s only at moments; the conversation often stalled or felt hurried.',
      'You followed the client’s tempo with some lag; the flow held, with occasional breaks.',
      'You matched and adjusted the tempo closely, slowing or moving on as needed; breaks in flow were brief.',
      'Tempo, pauses and turns moved together; the conversation flowed and the connection held throughout.',
    ]),
  },
  {
    id: 'empathic',
    label: 'Empathic attunement',
    shortLabel: 'Empathic',
    description:
      'Feeling with the client while keeping a reflective stance: entering their experience ' +
      'without losing your own perspective or professional boundaries. Resonance that loses them ' +
      '(over-identifying, rescuing, taking sides) is not deep attunement, however strong it felt.',
    source: 'Kohut 1984',
    prompt: 'Where did you resonate with the client, and how did you keep perspective and boundaries?',
    observationPrompt:
      'Moments of resonance: when you felt with the client, and what in the session showed it.',
    // The therapist's own inner reactions are asked for in the process note (selfObservation.ts).
    responsePrompt: `How you kept your perspective and boundaries, and how the client responded. ${ownReactionsElsewhere}`,
    anchors: anchors([
      'Out of touch with the client’s experience, or so caught up in it that you lost your perspective or a boundary.',
      'Resonance at moments only, or resonance that pulled you into over-identifying (rescuing, taking sides, sharing the alarm) with little reflection.',
      'You resonated and kept perspective, but at times one cost the other: distant while reflecting, or briefly pulled in.',
      'You felt with the client while keeping a reflective stance and clear boundaries; brief pulls were noticed and steadied.',
      'Full resonance held together with reflective awareness: the client felt deeply understood, and you kept your own perspective and boundaries throughout.',
    ]),
  },
];

/** The optional per-note field for signs of physiological co-regulation. */
export const coRegulationField = {
  label: 'Co-regulation',
  description:
    'Signs that client and therapist were settling each other’s bodies: breathing falling into ' +
    `step, posture mirroring, arousal rising or easing together. ${inClientRecordNotice}`,
  source: 'Siegel 2012; Porges 2011',
  prompt: `What did you see in breathing, posture or arousal, and how did the two of you settle? ${ownReactionsElsewhere}`,
} as const;

const dimensionsById = new Map(dimensions.map((d) => [d.id, d]));

/** The dimension with this id. */
export function dimensionById(id: DimensionId): Dimension {
  // Every DimensionId has an entry; the map lookup only loses that fact in the type.
  return dimensionsById.get(id)!;
}

/** Whether a value is one of the five dimension ids (for data read from outside). */
export function isDimensionId(value: unknown): value is DimensionId {
  return typeof value === 'string' && (dimensionIds as readonly string[]).includes(value);
}

/** A dimension's anchor for a rating value. */
export function ratingAnchor(id: DimensionId, value: RatingValue): RatingAnchor {
  return dimensionById(id).anchors[value - 1]!;
}

/**
 * A rating in words for records and packets: "4 · Good: <this dimension's anchor>", or the
 * reason there is none ("Did not come up", "Could not judge").
 */
export function ratingInWords(id: DimensionId, rating: number | null, unrated: UnratedReason | null): string {
  if (rating === null) return unratedChoice(unrated ?? 'could-not-judge').label;
  const anchor = dimensionById(id).anchors.find((a) => a.value === rating);
  return anchor ? `${rating} · ${anchor.label}: ${anchor.description}` : String(rating);
}
