/**
 * What the client did to support attunement, tracked per note and over time, and the emotion
 * vocabulary offered when the client named feelings. Free words are allowed beside it.
 */

/** The participation items, in display order; each is a key of a note's `participation`. */
export const participationItemIds = [
  'bodySensations',
  'namedFeelings',
  'feedbackToTherapist',
  'mindfulBreathing',
] as const;

/** A participation item id. */
export type ParticipationItemId = (typeof participationItemIds)[number];

/** One participation item: its checkbox (or emotion picker) and its free-text field. */
export interface ParticipationItem {
  id: ParticipationItemId;
  label: string;
  description: string;
  /** Placeholder for the free-text field. */
  prompt: string;
  /** The boolean field that records the item happened, or 'emotions' for the feelings picker. */
  flag: 'noted' | 'given' | 'used' | 'emotions';
  /** The free-text field: a verbatim quote for feedback, notes otherwise. */
  textField: 'text' | 'quote';
  textLabel: string;
}

/** The four participation items. */
export const participationItems: readonly ParticipationItem[] = [
  {
    id: 'bodySensations',
    label: 'Noticed body sensations',
    description:
      'The client paused to notice what was happening in their body in the moment and said so, such ' +
      'as tightness, fluttering or warmth.',
    prompt: 'What did the client notice, and where in the body?',
    flag: 'noted',
    textField: 'text',
    textLabel: 'Sensations',
  },
  {
    id: 'namedFeelings',
    label: 'Named feelings specifically',
    description: 'The client found precise words for what they felt, rather than "bad" or "fine".',
    prompt: 'Anything about how the feelings were named, or what helped the client find the words.',
    flag: 'emotions',
    textField: 'text',
    textLabel: 'Notes on feelings',
  },
  {
    id: 'feedbackToTherapist',
    label: 'Gave feedback to the therapist',
    description: 'The client told you what helped or did not help in how you were working with them.',
    prompt: 'The client’s words, as close to verbatim as you can.',
    flag: 'given',
    textField: 'quote',
    textLabel: 'Client’s words',
  },
  {
    id: 'mindfulBreathing',
    label: 'Used mindful breathing',
    description: 'The client took slow, deliberate breaths to settle, at the start or as tension rose.',
    prompt: 'When did the client use it, and what changed afterwards?',
    flag: 'used',
    textField: 'text',
    textLabel: 'Breathing',
  },
];

/** The families the emotion vocabulary is grouped in. */
export const emotionFamilyIds = [
  'sadness',
  'fear',
  'anger',
  'shame',
  'disgust',
  'joy',
  'tenderness',
  'calm',
] as const;

/** An emotion family id. */
export type EmotionFamilyId = (typeof emotionFamilyIds)[number];

/** A family of related emotion words. */
export interface EmotionFamily {
  id: EmotionFamilyId;
  label: string;
}

/** An emotion word; its id is the word itself, lower-case, as stored in a note. */
export interface EmotionWord {
  id: string;
  family: EmotionFamilyId;
}

/** The emotion families, in display order. */
export const emotionFamilies: readonly EmotionFamily[] = [
  { id: 'sadness', label: 'Sadness' },
  { id: 'fear', label: 'Fear' },
  { id: 'anger', label: 'Anger' },
  { id: 'shame', label: 'Shame and guilt' },
  { id: 'disgust', label: 'Disgust' },
  { id: 'joy', label: 'Joy' },
  { id: 'tenderness', label: 'Tenderness and connection' },
  { id: 'calm', label: 'Calm and relief' },
];

const words: Record<EmotionFamilyId, string[]> = {
  sadness: ['sad', 'disappointed', 'lonely', 'hurt', 'grieving', 'hopeless'],
  fear: ['afraid', 'anxious', 'worried', 'overwhelmed', 'panicky', 'insecure'],
  anger: ['angry', 'frustrated', 'irritated', 'resentful', 'betrayed'],
  shame: ['ashamed', 'embarrassed', 'guilty', 'humiliated', 'inadequate'],
  disgust: ['disgusted', 'repelled', 'contemptuous', 'appalled'],
  joy: ['happy', 'glad', 'excited', 'proud', 'hopeful'],
  tenderness: ['loved', 'grateful', 'tender', 'close', 'trusting'],
  calm: ['calm', 'relieved', 'safe', 'content', 'settled'],
};

/** The emotion vocabulary (about forty words), grouped by family in display order. */
export const emotionWords: readonly EmotionWord[] = emotionFamilyIds.flatMap((family) =>
  words[family].map((id) => ({ id, family })),
);

/** The words of one emotion family. */
export function emotionsInFamily(family: EmotionFamilyId): EmotionWord[] {
  return emotionWords.filter((w) => w.family === family);
}

/** How a named feeling is stored: trimmed, inner spaces collapsed, lower-case. */
export function normalizeEmotion(word: string): string {
  return word.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The vocabulary entry for a stored feeling, or undefined for a free word. */
export function emotionWord(id: string): EmotionWord | undefined {
  return emotionWords.find((w) => w.id === id);
}
