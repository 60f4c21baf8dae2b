import { builtInTemplate, emptyNote, type Note, type Rupture } from '../../../shared/domain';

export const now = '2025-03-14T10:00:00.000Z';

export const validClient = {
  id: 'c1a2b3',
  code: 'C-014',
  displayName: 'A. R.',
  startDate: '2024-02-29',
  status: 'active',
  concerns: ['Low mood'],
  goals: ['Return to work'],
  createdAt: now,
  updatedAt: now,
};

export const validSession = {
  id: 's-1',
  clientId: 'c1a2b3',
  startsAt: '2025-03-14T09:00:00+01:00',
  durationMinutes: 50,
  modality: 'video',
  attendance: 'attended',
};

export function withdrawal(overrides: Partial<Rupture> = {}): Rupture {
  return {
    id: 'r1',
    minute: 12,
    type: 'withdrawal',
    markers: ['minimal-response', 'deferential-appeasing'],
    therapistMarkers: [],
    salience: 3,
    followedLapseOf: ['rhythmic'],
    context: 'After I moved quickly to homework.',
    strategies: ['invite-discussion', 'acknowledge-contribution'],
    outcome: 'resolved',
    repairMinute: 18,
    clientResponse: 'Said it had felt rushed, then re-engaged.',
    ...overrides,
  };
}

/** A complete, valid SOAP draft with one withdrawal rupture and feedback. */
export function filledNote(): Note {
  const note = emptyNote({
    id: 'n1',
    sessionId: 's-1',
    clientId: 'c1a2b3',
    template: builtInTemplate('soap')!,
    now,
  });
  note.sections = { subjective: 'Felt flat all week.', objective: 'Slowed speech.', assessment: 'Low mood.' };
  note.attunement.affective = {
    rating: 4,
    unrated: null,
    observation: 'Sadness behind a smile.',
    response: 'Named it gently.',
  };
  note.attunement.rhythmic = {
    rating: 2,
    unrated: null,
    observation: 'Long pauses.',
    response: 'I filled them too soon.',
  };
  note.ruptures = [withdrawal()];
  note.sessionJudgments = { therapistContribution: 3, overallResolution: 4 };
  note.participation.namedFeelings.emotions = ['disappointed', 'let down'];
  note.participation.feedbackToTherapist = { given: true, quote: 'When you slowed down I could think.' };
  note.feedback = { relationship: 9, goals: 8, approach: 9, overall: 9 };
  note.plan = 'Continue; check in about pace at the start.';
  return note;
}
