/**
 * Phrase banks for the attunement, rupture, participation and process-note parts of the demo
 * notes. Written for Attune; plausible, not taken from any real record. Slots as in demoPhrases.
 */
import type { DimensionId } from '../../../shared/domain/dimensions';
import type { RuptureOutcomeId, RuptureTypeId } from '../../../shared/domain/ruptures';

/** Observation and response sentences by dimension, for lower (1–2) and higher (3–5) ratings. */
export const attunementPhrases: Record<DimensionId, { low: string[]; high: string[]; response: string[] }> = {
  affective: {
    low: [
      'The client seemed {feeling} beneath a bright tone; I took the tone at face value for too long.',
      'There was sadness around {topic} that I noticed late, after the client had already moved on.',
    ],
    high: [
      'The client’s voice dropped and their eyes filled when speaking of {person}; the feeling was close to {feeling}.',
      'A flash of irritation about {topic}, quickly covered with a smile.',
      'Warmth came into the client’s face when describing a good moment with {person}.',
    ],
    response: [
      'I slowed my voice and named the feeling tentatively; the client nodded and stayed with it.',
      'I reflected the sadness back in a quieter register, and the client said “yes, that’s it”.',
      'I let my face show concern rather than adding words; the client kept going.',
    ],
  },
  cognitive: {
    low: [
      'I offered an explanation in my own terms and lost the client’s thread about {topic}.',
      'I pushed a reframe before understanding why the client saw {person} as they did.',
    ],
    high: [
      'The client makes sense of setbacks as proof of being a burden; it showed again around {topic}.',
      'They described {topic} as “typical of me”, a familiar all-or-nothing conclusion.',
      'The client had their own theory about why {person} reacted as they did, and it was thoughtful.',
    ],
    response: [
      'I used their phrase “typical of me” and asked what it left out; they found an exception.',
      'I checked my understanding twice before offering anything; the client corrected one detail.',
      'I built on their theory rather than replacing it, and we agreed on a small experiment.',
    ],
  },
  developmental: {
    low: [
      'A younger, frightened state came through briefly and I carried on at the same pace.',
      'I missed how small the client felt when talking about {person}; I stayed in problem-solving.',
    ],
    high: [
      'When speaking of {person} the client’s voice became smaller and they curled in the chair.',
      'An old fear of being left seemed to surface around {topic}.',
      'The client described feeling “about eight years old” in the argument with {person}.',
    ],
    response: [
      'I slowed right down, offered a steadier tone and asked what that younger part needed.',
      'I said that it made sense to feel that way then and now; the client breathed out.',
      'We paused the task and stayed with the feeling until the client felt more grown-up again.',
    ],
  },
  rhythmic: {
    low: [
      'I filled the client’s silences too quickly and the conversation became choppy.',
      'The client spoke fast and I matched it, which seemed to speed things up further.',
    ],
    high: [
      'The client spoke quickly at the start, then slowed with long pauses around {topic}.',
      'Long silences in the middle of the hour, which felt full rather than empty.',
      'The client’s pace picked up when describing {person}, with sentences left unfinished.',
    ],
    response: [
      'I left more space in the pauses and kept my own sentences short; the client filled the space.',
      'I slowed my speech deliberately; by the end our pace had settled together.',
      'I noticed I was rushing, named it, and we both slowed down.',
    ],
  },
  empathic: {
    low: [
      'I felt pulled into the client’s hopelessness about {topic} and lost my footing for a while.',
      'I noticed irritation in myself when the client dismissed the suggestion, and it leaked into my tone.',
    ],
    high: [
      'I felt the weight of the client’s tiredness as they talked about {topic}.',
      'There was a moment of shared relief when the client laughed at their own harshness.',
      'I felt protective of the client when they described how {person} spoke to them.',
    ],
    response: [
      'I kept some distance from the pull to rescue and reflected the feeling back instead.',
      'I stayed with the feeling while keeping track of the time and of the task we had agreed.',
      'I used my own reaction as information and said something gentle about how hard it sounded.',
    ],
  },
};

export const coRegulationSentences = [
  'The client’s breathing slowed after the grounding exercise and mine slowed with it.',
  'We both shifted back in our chairs at the same moment when the tension eased.',
  'The client’s shoulders dropped as the pace slowed; I noticed my own jaw loosen.',
  'Arousal rose when speaking about {topic}; we paused and it came back down within a few minutes.',
  'On video it was harder to read posture; I relied on the client’s voice and breathing.',
];

export const ruptureContexts: Record<RuptureTypeId, string[]> = {
  withdrawal: [
    'After I suggested a homework task linked to {topic}, the client went quiet and agreed too quickly.',
    'When I asked about {person}, the client said “it’s fine” and changed the subject.',
    'I moved on from the feeling too fast; the client began a long story about work.',
    'The client laughed while describing {topic}, and answers became short after I named it.',
  ],
  confrontation: [
    'The client said the exercises were pointless and that nothing had changed in weeks.',
    'When I linked the pattern to {person}, the client said I was not listening.',
    'The client objected to the late-cancellation fee and questioned why we meet weekly.',
    'The client pushed for advice about {topic} and was annoyed when I asked what they thought.',
  ],
};

export const ruptureResponses: Record<RuptureOutcomeId, string[]> = {
  resolved: [
    'The client said it helped that I owned rushing them; they re-engaged and we went back to {topic}.',
    'After we talked about what had happened between us, the client said they felt taken seriously.',
  ],
  partial: [
    'The client accepted the explanation but remained a little guarded for the rest of the session.',
    'Some easing; the client agreed to carry on but said they were not sure it would help.',
  ],
  unresolved: [
    'The client stayed distant until the end; we agreed to return to it next week.',
    'The client left saying they would think about whether to continue; I will raise it next time.',
  ],
};

export const bodySensationTexts = [
  'Tightness in the {body} when talking about {topic}, easing with slower breathing.',
  'A fluttering feeling in the {body}; the client was surprised to notice it.',
  'Heat in the {body} as irritation rose, named without prompting.',
];

export const feelingsNotes = [
  'Moved from “bad” to “{feeling}” with a little help, then added “{feeling2}” on their own.',
  'Found the words more easily than last week; used the feelings list once.',
  'Named feelings precisely when talking about {person}, less so about themselves.',
];

export const feedbackQuotes = [
  'When you slowed down I could actually think.',
  'I didn’t like it when you jumped to homework, but this bit helped.',
  'It helps when you say it back to me in my own words.',
  'Today felt a bit like school, to be honest.',
  'I liked that you didn’t try to fix it straight away.',
];

export const breathingTexts = [
  'Used slow breathing at the start to settle; said it helped them arrive.',
  'Reached for the breathing when tension rose around {topic}, without prompting.',
  'Tried the breathing briefly but found it hard to keep going; we will practise more.',
];

export const processNoteSentences = [
  'I noticed a strong pull to reassure, which I think mirrors how {person} responds to the client.',
  'I felt bored at one point and wondered whether that boredom was protecting us both from {topic}.',
  'Hypothesis: the agreeable stance is the client’s way of keeping me close while keeping the pain away.',
  'I was more tired than usual today and may have been less available in the second half.',
  'Something about the way the client spoke of {person} reminded me of my own family; worth taking to supervision.',
  'I am wondering whether the pace of the work is mine rather than the client’s.',
  'I felt moved near the end and was careful not to let it turn into rescuing.',
  'Possible enactment: I became the demanding figure the client describes, by pressing the homework.',
];
