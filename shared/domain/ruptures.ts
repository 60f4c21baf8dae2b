/**
 * Rupture-and-repair vocabulary, adapted from the Rupture Resolution Rating System
 * (3RS: Eubanks, Muran & Safran 2015; revised 2022). Ids, labels and short descriptions are
 * written for this app; they are a working vocabulary, not the manual. The defaults can be
 * extended by the user (see `extendRuptureVocabulary`), so notes validate against a vocabulary
 * passed in rather than against these lists directly.
 */

/** The two rupture types of the 3RS. */
export const ruptureTypeIds = ['withdrawal', 'confrontation'] as const;

/** A rupture type id. */
export type RuptureTypeId = (typeof ruptureTypeIds)[number];

/** How a rupture ended within the session. */
export const ruptureOutcomeIds = ['resolved', 'partial', 'unresolved'] as const;

/** A rupture outcome id. */
export type RuptureOutcomeId = (typeof ruptureOutcomeIds)[number];

/** A labelled, described vocabulary entry. */
export interface VocabularyEntry<Id extends string = string> {
  id: Id;
  label: string;
  description: string;
}

/** A rupture marker: an observable sign of a rupture of one type. */
export interface RuptureMarker extends VocabularyEntry {
  type: RuptureTypeId;
}

/** A resolution strategy the therapist used. */
export type ResolutionStrategy = VocabularyEntry;

/** A rupture outcome with its weight in repair rates (resolved 1, partial 0.5, unresolved 0). */
export interface RuptureOutcome extends VocabularyEntry<RuptureOutcomeId> {
  repairCredit: number;
}

/** The markers and strategies a note's ruptures are checked against. */
export interface RuptureVocabulary {
  markers: readonly RuptureMarker[];
  strategies: readonly ResolutionStrategy[];
}

/** The two rupture types. */
export const ruptureTypes: readonly VocabularyEntry<RuptureTypeId>[] = [
  {
    id: 'withdrawal',
    label: 'Withdrawal',
    description:
      'The client moves away from the therapist or the work: going quiet, going along, or steering off.',
  },
  {
    id: 'confrontation',
    label: 'Confrontation',
    description:
      'The client moves against the therapist or the work: objecting, criticising, or pushing for control.',
  },
];

/** Default markers of a withdrawal rupture. */
export const withdrawalMarkers: readonly RuptureMarker[] = [
  {
    id: 'denial',
    type: 'withdrawal',
    label: 'Denial',
    description: 'Says nothing is wrong, or waves away a feeling that seems plain to see.',
  },
  {
    id: 'minimal-response',
    type: 'withdrawal',
    label: 'Minimal response',
    description: 'Answers in a word or two, or goes silent, giving the therapist little to work with.',
  },
  {
    id: 'abstract-communication',
    type: 'withdrawal',
    label: 'Abstract communication',
    description: 'Talks in generalities or ideas, at a distance from what is actually felt.',
  },
  {
    id: 'avoidant-storytelling',
    type: 'withdrawal',
    label: 'Avoidant storytelling or shifting topic',
    description: 'Tells long stories or changes the subject, moving away from the matter at hand.',
  },
  {
    id: 'deferential-appeasing',
    type: 'withdrawal',
    label: 'Deferential and appeasing',
    description: 'Goes along with the therapist to please or placate, keeping their own view back.',
  },
  {
    id: 'content-affect-split',
    type: 'withdrawal',
    label: 'Content/affect split',
    description: 'What is said and the feeling shown do not fit, such as laughing while describing a loss.',
  },
  {
    id: 'self-criticism-hopelessness',
    type: 'withdrawal',
    label: 'Self-criticism or hopelessness',
    description: 'Turns on themselves or gives up, in a way that shuts down the exchange.',
  },
];

/** Default markers of a confrontation rupture. */
export const confrontationMarkers: readonly RuptureMarker[] = [
  {
    id: 'complaints-about-therapist',
    type: 'confrontation',
    label: 'Complaints about the therapist',
    description: 'Criticises the therapist as a person or their manner of working.',
  },
  {
    id: 'rejects-intervention',
    type: 'confrontation',
    label: 'Rejects an intervention',
    description: 'Dismisses or refuses a reflection, question or suggestion the therapist offered.',
  },
  {
    id: 'complaints-about-activities',
    type: 'confrontation',
    label: 'Complaints about the activities of therapy',
    description: 'Objects to what therapy asks of them: exercises, tasks, homework, ways of talking.',
  },
  {
    id: 'complaints-about-parameters',
    type: 'confrontation',
    label: 'Complaints about the parameters of therapy',
    description: 'Objects to the frame: session time, fees, frequency, scheduling or rules.',
  },
  {
    id: 'complaints-about-progress',
    type: 'confrontation',
    label: 'Complaints about progress',
    description: 'Says therapy is not helping, or not helping fast enough.',
  },
  {
    id: 'defends-self',
    type: 'confrontation',
    label: 'Defends self against the therapist',
    description: 'Justifies or protects themselves against what they hear as blame or criticism.',
  },
  {
    id: 'controls-pressures',
    type: 'confrontation',
    label: 'Efforts to control or pressure the therapist',
    description: 'Tries to direct the session or push the therapist to respond in a set way.',
  },
];

/** All default rupture markers, withdrawal first. */
export const ruptureMarkers: readonly RuptureMarker[] = [...withdrawalMarkers, ...confrontationMarkers];

/** Default resolution strategies. */
export const resolutionStrategies: readonly ResolutionStrategy[] = [
  {
    id: 'clarify-misunderstanding',
    label: 'Clarifies a misunderstanding',
    description: 'Checks what was meant or heard and sets a crossed wire straight.',
  },
  {
    id: 'change-tasks-goals',
    label: 'Changes tasks or goals',
    description: 'Adjusts what the two of you are doing or aiming for so it fits the client better.',
  },
  {
    id: 'illustrate-rationale',
    label: 'Illustrates tasks or gives a rationale',
    description: 'Shows how a task works or explains why it might help.',
  },
  {
    id: 'invite-discussion',
    label: 'Invites discussion of thoughts or feelings about the therapist or therapy',
    description: 'Opens room for the client to say how the relationship or the work feels to them.',
  },
  {
    id: 'acknowledge-contribution',
    label: 'Acknowledges own contribution',
    description: 'Owns the part the therapist played in the strain, without defensiveness.',
  },
  {
    id: 'disclose-experience',
    label: 'Discloses own experience of the interaction',
    description: 'Shares, with care, what the therapist is noticing or feeling in the exchange.',
  },
  {
    id: 'link-to-patterns',
    label: 'Links the rupture to wider interpersonal patterns',
    description: 'Connects what happened in the room with how things tend to go in other relationships.',
  },
  {
    id: 'validate-defensive-posture',
    label: 'Validates the client’s defensive posture',
    description: 'Recognises the sense in the client’s self-protection rather than challenging it.',
  },
  {
    id: 'redirect-refocus',
    label: 'Redirects or refocuses',
    description: 'Steps away from the point of friction and returns to the task or another topic.',
  },
];

/** Rupture outcomes, with the credit each earns in a repair rate. */
export const ruptureOutcomes: readonly RuptureOutcome[] = [
  {
    id: 'resolved',
    label: 'Resolved',
    description: 'The strain eased and the client re-engaged with the therapist and the work.',
    repairCredit: 1,
  },
  {
    id: 'partial',
    label: 'Partially resolved',
    description: 'Some movement toward repair, but the strain was still felt.',
    repairCredit: 0.5,
  },
  {
    id: 'unresolved',
    label: 'Unresolved',
    description: 'The rupture was still open at the end of the session.',
    repairCredit: 0,
  },
];

/** The vocabulary shipped with the app. */
export const defaultRuptureVocabulary: RuptureVocabulary = {
  markers: ruptureMarkers,
  strategies: resolutionStrategies,
};

/** The markers of one rupture type, in display order. */
export function markersForType(
  type: RuptureTypeId,
  vocabulary: RuptureVocabulary = defaultRuptureVocabulary,
): RuptureMarker[] {
  return vocabulary.markers.filter((m) => m.type === type);
}

/** The outcome entry for an outcome id. */
export function ruptureOutcome(id: RuptureOutcomeId): RuptureOutcome {
  return ruptureOutcomes.find((o) => o.id === id)!;
}

/**
 * The default vocabulary plus the user's own markers and strategies. An addition whose id is
 * already taken is an error, because a note's stored ids must keep one meaning.
 */
export function extendRuptureVocabulary(
  additions: Partial<RuptureVocabulary>,
  base: RuptureVocabulary = defaultRuptureVocabulary,
): RuptureVocabulary {
  const markers = [...base.markers, ...(additions.markers ?? [])];
  const strategies = [...base.strategies, ...(additions.strategies ?? [])];
  for (const [what, list] of [
    ['marker', markers],
    ['strategy', strategies],
  ] as const) {
    const seen = new Set<string>();
    for (const entry of list) {
      if (seen.has(entry.id)) throw new Error(`The rupture ${what} id "${entry.id}" is already in use.`);
      seen.add(entry.id);
    }
  }
  return { markers, strategies };
}
