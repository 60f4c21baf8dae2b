/**
 * The five attunement dimensions as data. The note editor, the analytics and the exports all
 * read them from here, so changing a prompt or an anchor is a data change in one place.
 */

/** The ids of the five dimensions, in the order they are shown. */
export const dimensionIds = ['affective', 'cognitive', 'developmental', 'rhythmic', 'empathic'] as const;

/** One of the five attunement dimensions. */
export type DimensionId = (typeof dimensionIds)[number];

/** The values of a 1–5 attunement rating; `null` in a note means "not observed". */
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
  /** Meaning of each rating 1–5, lowest first. */
  anchors: readonly RatingAnchor[];
}

/** The label offered beside the five ratings when a dimension could not be judged. */
export const notObservedLabel = 'Not observed';

/** The 1–5 rating anchors, lowest first; the same scale serves every dimension. */
export const ratingAnchors: readonly RatingAnchor[] = [
  { value: 1, label: 'Misattuned', description: 'Cues were missed or contradicted.' },
  { value: 2, label: 'Limited', description: 'Attuned only at moments.' },
  { value: 3, label: 'Adequate', description: 'Tracked the client, with some lag or mismatch.' },
  { value: 4, label: 'Good', description: 'Tracked closely; small misses were repaired quickly.' },
  {
    value: 5,
    label: 'Deep',
    description: 'Matched intensity, form and rhythm; the client visibly felt met.',
  },
];

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
    anchors: ratingAnchors,
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
    anchors: ratingAnchors,
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
    anchors: ratingAnchors,
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
    anchors: ratingAnchors,
  },
  {
    id: 'empathic',
    label: 'Empathic attunement',
    shortLabel: 'Empathic',
    description:
      'Feeling with the client while keeping a reflective stance: entering their experience ' +
      'without losing your own perspective or professional boundaries.',
    source: 'Kohut 1984',
    prompt: 'Where did you resonate with the client, and how did you keep perspective and boundaries?',
    observationPrompt: 'Moments of resonance: what you felt with the client, and when.',
    responsePrompt: 'How you held your own perspective, and anything you noticed in yourself.',
    anchors: ratingAnchors,
  },
];

/** The optional per-note field for signs of physiological co-regulation. */
export const coRegulationField = {
  label: 'Co-regulation',
  description:
    'Signs that client and therapist were settling each other’s bodies: breathing falling into ' +
    'step, posture mirroring, arousal rising or easing together.',
  source: 'Siegel 2012; Porges 2011',
  prompt: 'What did you notice in breathing, posture or arousal, in the client and in yourself?',
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

/** The anchor for a rating value. */
export function ratingAnchor(value: RatingValue): RatingAnchor {
  return ratingAnchors[value - 1]!;
}
