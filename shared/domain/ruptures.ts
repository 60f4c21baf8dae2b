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

/**
 * The Alliance-Focused Training split of the 3RS resolution strategies: immediate strategies
 * address the strain directly at the level of the task or the misunderstanding; exploratory ones
 * open up what is happening between client and therapist (Eubanks, Muran & Safran 2015).
 */
export const strategyGroupIds = ['immediate', 'exploratory'] as const;

/** A resolution strategy group id. */
export type StrategyGroupId = (typeof strategyGroupIds)[number];

/** The two strategy groups, in the order shown; user-added strategies belong to neither. */
export const strategyGroups: readonly VocabularyEntry<StrategyGroupId>[] = [
  {
    id: 'immediate',
    label: 'Immediate',
    description:
      'Addresses the strain directly: clears up the misunderstanding, or changes or explains the task.',
  },
  {
    id: 'exploratory',
    label: 'Exploratory',
    description:
      'Opens up what is happening between you: feelings about the therapy, your part in it, patterns.',
  },
];

/** What a user-added strategy is grouped under: it carries no 3RS group. */
export const ownStrategiesLabel = 'Your own strategies';

/** A resolution strategy the therapist used; the defaults carry their 3RS group. */
export interface ResolutionStrategy extends VocabularyEntry {
  group?: StrategyGroupId;
}

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
    label: 'Avoidant storytelling and/or shifting topic',
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
    label: 'Self-criticism and/or hopelessness',
    description: 'Turns on themselves or gives up, in a way that shuts down the exchange.',
  },
];

/** Default markers of a confrontation rupture. */
export const confrontationMarkers: readonly RuptureMarker[] = [
  {
    id: 'complaints-about-therapist',
    type: 'confrontation',
    label: 'Complaints/concerns about the therapist',
    description: 'Criticises the therapist as a person or their manner of working.',
  },
  {
    id: 'rejects-intervention',
    type: 'confrontation',
    label: 'Rejects the therapist’s intervention',
    description: 'Dismisses or refuses a reflection, question or suggestion the therapist offered.',
  },
  {
    id: 'complaints-about-activities',
    type: 'confrontation',
    label: 'Complaints/concerns about the activities of therapy',
    description: 'Objects to what therapy asks of them: exercises, tasks, homework, ways of talking.',
  },
  {
    id: 'complaints-about-parameters',
    type: 'confrontation',
    label: 'Complaints/concerns about the parameters of therapy',
    description: 'Objects to the frame: session time, fees, frequency, scheduling or rules.',
  },
  {
    id: 'complaints-about-progress',
    type: 'confrontation',
    label: 'Complaints/concerns about progress in therapy',
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
    label: 'Efforts to control and/or pressure the therapist',
    description: 'Tries to direct the session or push the therapist to respond in a set way.',
  },
];

/** All default rupture markers, withdrawal first. */
export const ruptureMarkers: readonly RuptureMarker[] = [...withdrawalMarkers, ...confrontationMarkers];

/** Default resolution strategies. */
export const resolutionStrategies: readonly ResolutionStrategy[] = [
  {
    id: 'clarify-misunderstanding',
    group: 'immediate',
    label: 'Clarifies a misunderstanding',
    description: 'Checks what was meant or heard and sets a crossed wire straight.',
  },
  {
    id: 'change-tasks-goals',
    group: 'immediate',
    label: 'Changes tasks or goals',
    description: 'Adjusts what the two of you are doing or aiming for so it fits the client better.',
  },
  {
    id: 'illustrate-rationale',
    group: 'immediate',
    label: 'Illustrates tasks or provides a rationale for treatment',
    description: 'Shows how a task works or explains why it might help.',
  },
  {
    id: 'invite-discussion',
    group: 'exploratory',
    label: 'Invites discussion of thoughts or feelings about the therapist or some aspect of therapy',
    description: 'Opens room for the client to say how the relationship or the work feels to them.',
  },
  {
    id: 'acknowledge-contribution',
    group: 'exploratory',
    label: 'Acknowledges own contribution to the rupture',
    description: 'Owns the part the therapist played in the strain, without defensiveness.',
  },
  {
    id: 'disclose-experience',
    group: 'exploratory',
    label: 'Discloses own internal experience of the interaction',
    description: 'Shares, with care, what the therapist is noticing or feeling in the exchange.',
  },
  {
    id: 'link-to-patterns',
    group: 'exploratory',
    label: 'Links the rupture to larger interpersonal patterns',
    description: 'Connects what happened in the room with how things tend to go in other relationships.',
  },
  {
    id: 'validate-defensive-posture',
    group: 'exploratory',
    label: 'Validates the client’s defensive posture',
    description: 'Recognises the sense in the client’s self-protection rather than challenging it.',
  },
  {
    id: 'redirect-refocus',
    group: 'immediate',
    label: 'Redirects or refocuses',
    description: 'Steps away from the point of friction and returns to the task or another topic.',
  },
];

/**
 * Therapist-side markers: the therapist's own reactions that, in the rupture literature, often
 * signal a rupture before the client's behaviour makes it plain (Safran & Muran 2000; Eubanks,
 * Muran & Safran 2018). Recorded apart from the client's markers, and optional.
 */
export const therapistMarkers: readonly VocabularyEntry[] = [
  {
    id: 'bored',
    label: 'Bored or disengaged',
    description: 'Your attention drifted; the session felt flat or long.',
  },
  {
    id: 'irritated',
    label: 'Irritated or frustrated',
    description: 'Annoyance with the client or the pace of the work.',
  },
  {
    id: 'pulled-to-rescue',
    label: 'Pulled to rescue or reassure',
    description: 'An urge to fix, soothe or take over rather than stay with what was there.',
  },
  {
    id: 'withdrawn',
    label: 'Withdrawn or distant',
    description: 'You pulled back, went quiet inside or kept the client at arm’s length.',
  },
  {
    id: 'anxious',
    label: 'Anxious or inadequate',
    description: 'Unsure of yourself, worried about doing it wrong or being judged.',
  },
  { id: 'defensive', label: 'Defensive', description: 'An urge to justify yourself or the treatment.' },
  {
    id: 'controlled',
    label: 'Controlled or pressured',
    description: 'Pushed to respond in a set way, or to give what was demanded.',
  },
  {
    id: 'confused',
    label: 'Confused or lost',
    description: 'Unsure what was going on between you, or where the session was.',
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

/** The strategies of one group in display order; `null` gives the user-added ones (no group). */
export function strategiesInGroup(
  group: StrategyGroupId | null,
  vocabulary: RuptureVocabulary = defaultRuptureVocabulary,
): ResolutionStrategy[] {
  return vocabulary.strategies.filter((s) => (s.group ?? null) === group);
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
