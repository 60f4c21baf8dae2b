/**
 * Phrase banks for the synthetic demo notes: written for Attune, clinically plausible, about no
 * one. Slots in braces are filled per client and session: {topic}, {person}, {feeling},
 * {feeling2}, {body}, {goal}.
 */
import type { Addendum } from '../../../shared/domain/noteSchema';

/** What a client came for, with the topics and people their sessions keep returning to. */
export interface CaseTheme {
  concern: string;
  goals: readonly string[];
  topics: readonly string[];
  people: readonly string[];
}

export const caseThemes: readonly CaseTheme[] = [
  {
    concern: 'Low mood and loss of interest',
    goals: ['Get out of the house most days', 'Return to a weekly activity with friends'],
    topics: ['the empty weekends', 'staying in bed late', 'losing interest in cooking', 'the job search'],
    people: ['their flatmate', 'an old friend', 'their mother'],
  },
  {
    concern: 'Panic attacks on public transport',
    goals: ['Take the bus to work without leaving early', 'Understand the panic cycle'],
    topics: [
      'the morning commute',
      'a crowded train last week',
      'avoiding the underground',
      'fear of fainting',
    ],
    people: ['a colleague who drives them', 'their partner', 'their manager'],
  },
  {
    concern: 'Grief after the death of a parent',
    goals: ['Make room for the loss without being swamped by it', 'Sort the house with siblings'],
    topics: [
      'the anniversary coming up',
      'clearing the house',
      'the last weeks in hospital',
      'old photographs',
    ],
    people: ['their brother', 'their aunt', 'their late father'],
  },
  {
    concern: 'Repeated conflict with a partner',
    goals: ['Raise a grievance without it becoming a row', 'Notice the early signs of escalation'],
    topics: [
      'an argument about money',
      'plans for the holidays',
      'feeling unheard at dinner',
      'household chores',
    ],
    people: ['their partner', 'their partner’s mother', 'a close friend'],
  },
  {
    concern: 'Work stress and exhaustion',
    goals: ['Leave work at a set time three days a week', 'Say no to extra projects'],
    topics: [
      'an impossible deadline',
      'emails late at night',
      'a performance review',
      'a colleague off sick',
    ],
    people: ['their manager', 'a team member', 'their partner'],
  },
  {
    concern: 'Social anxiety',
    goals: ['Speak once in each team meeting', 'Go to a social event and stay an hour'],
    topics: [
      'a birthday party invitation',
      'speaking up in meetings',
      'small talk at the gym',
      'being watched',
    ],
    people: ['a new acquaintance', 'their cousin', 'a coworker'],
  },
  {
    concern: 'Harsh self-criticism and perfectionism',
    goals: ['Notice the critical voice without obeying it', 'Submit work that is good enough'],
    topics: [
      'a report sent back for changes',
      'a mistake at work',
      'comparing themselves to peers',
      'an exam result',
    ],
    people: ['their father', 'a demanding supervisor', 'an older sibling'],
  },
  {
    concern: 'Intrusive memories of a frightening event',
    goals: ['Sleep through most nights', 'Walk past the place without freezing'],
    topics: ['a nightmare this week', 'a sound that startled them', 'driving again', 'being alone at night'],
    people: ['a friend who was there', 'their sister', 'their GP'],
  },
  {
    concern: 'Loneliness after moving to a new city',
    goals: ['Build two regular points of contact', 'Feel less ashamed of being lonely'],
    topics: ['quiet evenings', 'a volunteering group', 'calls home', 'a neighbour’s greeting'],
    people: ['a neighbour', 'their parents back home', 'a new colleague'],
  },
  {
    concern: 'Adjusting to a chronic illness',
    goals: ['Pace activity to avoid crashes', 'Talk with family about what has changed'],
    topics: ['a flare last week', 'a hospital appointment', 'giving up running', 'explaining fatigue'],
    people: ['their specialist', 'their partner', 'a friend from the support group'],
  },
  {
    concern: 'Difficulty setting boundaries',
    goals: ['Ask for what they need once a week', 'Tolerate someone being disappointed'],
    topics: ['lending money again', 'covering a shift', 'a family visit that ran long', 'a friend’s demands'],
    people: ['their sister', 'a friend', 'their mother'],
  },
  {
    concern: 'Anger that comes out in outbursts',
    goals: ['Leave the room before shouting', 'Repair after a blow-up'],
    topics: ['a row in traffic', 'shouting at the children', 'a slammed door', 'feeling disrespected'],
    people: ['their teenage son', 'their partner', 'a neighbour'],
  },
];

export const bodyPlaces = ['chest', 'throat', 'stomach', 'shoulders', 'jaw', 'hands', 'forehead', 'legs'];

export const presentingSentences = [
  'The client arrived on time and began with {topic}, saying the week had felt {feeling} for most of it.',
  'They opened by describing {topic}; they returned to it several times before settling.',
  'The client reported a {feeling} week, linking it mostly to {topic} and a difficult exchange with {person}.',
  'They said they had almost cancelled because of {topic}, and were glad in the end to have come.',
  'The client described sleeping poorly and feeling {feeling} since a conversation with {person}.',
  'They brought a short list of things to talk about, starting with {topic}.',
  'The client spoke first about {person}, then moved to {topic} when I asked what felt most pressing.',
  'They described small progress toward the goal to {goal}, alongside a setback around {topic}.',
];

export const reportSentences = [
  'They said that {person} had been supportive but that they kept the worst of it to themselves.',
  'When asked about mood they rated it as four out of ten, a little up from last week.',
  'They noticed they had been avoiding {topic} and felt {feeling} when they thought about it.',
  'They described a moment mid-week when things felt lighter, after a walk and a call with {person}.',
  'The client said the homework had been harder than expected; they tried it twice and gave up once.',
  'They reported no thoughts of harming themselves and said the low points passed within an hour or two.',
  'Appetite was described as variable; they had been skipping breakfast and snacking late.',
  'They described a familiar pattern: feeling {feeling}, withdrawing, then criticising themselves for withdrawing.',
  'They wondered aloud whether they were making too much of {topic}, then answered their own question.',
  'They said they had tried the breathing practice on the bus and it took the edge off.',
  'The client reported drinking less this week and getting to bed before midnight on most nights.',
  'They mentioned that {person} had noticed a change in them and asked about it; they felt {feeling2} and a little exposed.',
];

export const observationSentences = [
  'Casually dressed and well groomed; eye contact improved as the session went on.',
  'Affect was constricted at first and broadened when talking about {person}.',
  'Speech was normal in rate and volume, slowing noticeably around {topic}.',
  'Appeared tired; yawned several times and sat forward with elbows on knees.',
  'Tearful briefly when describing {topic}; recovered without prompting.',
  'Thought process was goal-directed; no evidence of perceptual disturbance.',
  'Fidgeted with a sleeve while speaking about {person}, stilling once the topic moved on.',
  'Laughed when describing something painful, then paused and named the mismatch themselves.',
  'Posture was upright and guarded early on, softening in the second half of the hour.',
  'Orientated and alert; memory and concentration appeared intact.',
];

export const assessmentSentences = [
  'Mood remains low but more reactive than at intake, which fits the modest improvement in scores.',
  'The link between {topic} and the urge to withdraw is becoming clearer to the client.',
  'Progress toward the goal to {goal} is slow but steady; avoidance is the main obstacle.',
  'Risk remains low: no current ideation, good protective factors, and a plan for difficult evenings.',
  'The relationship is strong enough to bear some challenge; the client tolerated a gentle confrontation.',
  'Formulation: a long-standing belief of being a burden keeps the client from asking for help.',
  'Anxiety appears maintained by safety behaviours, especially leaving early and checking.',
  'The client is moving from describing events to reflecting on what they felt during them.',
  'Shame seems to be the hinge emotion; when it rises the client goes quiet and agreeable.',
  'Response to treatment is encouraging; the client is using skills between sessions more often.',
];

export const interventionSentences = [
  'Used reflective listening and summaries to slow the pace around {topic}.',
  'Introduced a thought record and completed the first two columns together.',
  'Explored the sequence of a recent difficult evening, step by step, looking for choice points.',
  'Practised a short grounding exercise: feet on the floor, naming five things in the room.',
  'Used chair work briefly to give voice to the critical part; stopped when the client became flooded.',
  'Offered psychoeducation on the fight, flight and freeze responses, with a drawing.',
  'Validated the client’s frustration about slow progress and reviewed the goals together.',
  'Rehearsed what the client might say to {person}, with the client trying two versions.',
  'Invited the client to notice what happened in their body while describing {topic}.',
  'Planned a graded exposure step linked to the goal to {goal}.',
];

export const responseSentences = [
  'The client engaged with the exercise and said it felt awkward but useful.',
  'They were able to name one thought that fed the urge to avoid, and wrote it down.',
  'They became tearful during the chair work and said afterwards that it mattered to have said it.',
  'Initially sceptical, they agreed to try the step once before the next session.',
  'The client said the drawing made sense of what happens on the train.',
  'They settled visibly after the grounding exercise; breathing slowed and shoulders dropped.',
  'They struggled to stay with the feeling and changed the subject twice; we noticed this together.',
  'The rehearsal helped; the second version sounded more like them and less apologetic.',
];

export const closingSentences = [
  'We ended by agreeing on one small step for the week.',
  'The session closed on a calmer note; the client said they felt lighter.',
  'We left some of this unfinished and agreed to come back to it next time.',
  'At the end the client asked about the spacing of sessions; we kept weekly for now.',
];

export const planSentences = [
  'Continue weekly sessions; review goals in four weeks.',
  'Client to try the breathing practice once a day and note what changes.',
  'Next session: return to {topic}, and check in about pace at the start.',
  'Client to complete one thought record on a difficult moment this week.',
  'Exposure step agreed: one short journey linked to the goal to {goal}.',
  'Send the sleep diary sheet; discuss it next time.',
  'Consider a letter to the GP about sleep if no change in two weeks.',
  'Keep an eye on the anniversary date and offer an extra contact if needed.',
];

export const noShowSentences = [
  'The client did not attend and did not send word beforehand.',
  'The client cancelled on the day by text, citing feeling unwell.',
  'I phoned at ten past the hour and left a brief message offering the next available time.',
  'No risk concerns are known from recent sessions; I will follow up if I hear nothing by Friday.',
  'Cancellation policy reminded by message, kindly worded, without charge this time.',
];

/** The addenda a signed demo note sometimes gets, each typed with its reason as a therapist's are. */
export const addenda: ReadonlyArray<Pick<Addendum, 'type' | 'reason' | 'text'>> = [
  {
    type: 'correction',
    reason: 'The client gave the date again at the next session.',
    text: 'The appointment with the specialist is next month, not next week.',
  },
  {
    type: 'late-entry',
    reason: 'The client phoned after the note was signed.',
    text: 'Client phoned after the session to say the exercise had helped that evening; noted for the next session.',
  },
  {
    type: 'clarification',
    reason: 'The feedback score could be read as taken in the session.',
    text: 'The feedback score was completed on paper and entered afterwards.',
  },
  {
    type: 'late-entry',
    reason: 'The call with the GP came after the note was signed.',
    text: 'Spoke with the client’s GP with consent; they will review the sleep medication.',
  },
];
