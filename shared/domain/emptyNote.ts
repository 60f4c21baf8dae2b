/** A new draft note for a session, valid as it stands. */
import { emptyAttunement } from './attunementSchema';
import type { Note } from './noteSchema';
import { emptyParticipation } from './participationSchema';
import type { Template } from './templates';

/** What a new note needs: its ids, its template and the time of creation. */
export interface NewNote {
  id: string;
  sessionId: string;
  clientId: string;
  template: Template;
  /** ISO date-time of creation, e.g. `new Date().toISOString()`. */
  now: string;
}

/** A draft with an empty section for each of the template's base sections and nothing rated. */
export function emptyNote({ id, sessionId, clientId, template, now }: NewNote): Note {
  return {
    id,
    sessionId,
    clientId,
    templateId: template.id,
    status: 'draft',
    sections: Object.fromEntries(template.baseSections.map((s) => [s.id, ''])),
    attunement: emptyAttunement(),
    coRegulation: '',
    ruptures: [],
    sessionJudgments: { therapistContribution: null, overallResolution: null },
    participation: emptyParticipation(),
    feedback: null,
    plan: '',
    goalProgress: [],
    risk: null,
    addenda: [],
    createdAt: now,
    updatedAt: now,
  };
}
