/**
 * Helpers for the review tests: a clinician's vault seeded with a client whose name, and other
 * names, appear in every kind of free-text field; a reviewer's vault; small KDF settings.
 */
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { ReviewService } from '../../../main/services/review/ReviewService';
import type { Services } from '../../../main/services/createServices';
import { emptyAttunement } from '../../../shared/domain/attunementSchema';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Note, NoteDraft } from '../../../shared/domain/noteSchema';
import { emptyParticipation } from '../../../shared/domain/participationSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { PacketInclude } from '../../../shared/review/packetSchema';
import { openServices, steppingClock, TEST_KDF } from '../services/serviceKit';

export { expectKind, hashTree, PASS, TEST_KDF } from '../services/serviceKit';

export const PACKET_PASS = 'shared with the supervisor only';
/** Names that must never reach a packet (the display name is the client's). */
export const CLIENT_NAME = 'Robin Okafor';
export const CLIENT_CODE = 'C-014';
export const OTHER_NAMES = ['Mara', 'Dr. Lindqvist'];
export const FORBIDDEN = ['robin', 'okafor', 'mara', 'lindqvist', 'c-014'];
export const PROCESS_SECRET = 'dreamt of the lighthouse again';

export const everything: PacketInclude = {
  metrics: true,
  charts: true,
  notes: true,
  ruptures: true,
  processNotes: false,
  diagnoses: false,
};

/** An unlocked vault with its services and a review service (small KDF, exports under the temp data folder). */
export async function openReviewHarness(start = '2025-06-02T10:00:00.000Z') {
  const harness = await openServices({ searchSliceMs: 0 });
  const exportsDir = join(dirname(harness.location), 'exports');
  const review = new ReviewService(harness.session, {
    kdf: TEST_KDF,
    clock: steppingClock(start),
    exportsDir,
  });
  return { ...harness, review, exportsDir, dataDir: dirname(harness.location) };
}

export interface SeededCase {
  client: Client;
  sessions: Session[];
  notes: Note[];
  ruptureIds: string[];
  templateId: string;
}

/** A note draft with the client's name, "Mara" and "Dr. Lindqvist" in every free-text field. */
function namedDraft(ruptureIds: string[], sections: Record<string, string>): NoteDraft {
  const attunement = emptyAttunement();
  attunement.affective = {
    rating: 4,
    unrated: null,
    observation: 'Robin’s sadness showed when she spoke of Mara.',
    response: 'I told Robin I could see how much Mara matters.',
  };
  attunement.empathic = {
    rating: 3,
    unrated: null,
    observation: 'OKAFOR family loyalty again.',
    response: 'Stayed with Robin.',
  };
  const participation = emptyParticipation();
  participation.bodySensations = {
    noted: true,
    text: 'Robin felt her chest tighten talking about Dr. Lindqvist.',
  };
  participation.namedFeelings = { emotions: ['sad', 'mara-ish'], text: 'Robin named it slowly.' };
  participation.feedbackToTherapist = {
    given: true,
    quote: '“You sound like Dr. Lindqvist when you do that, Robin-style.”',
  };
  participation.mindfulBreathing = { used: true, text: 'Breathing with Robin.' };
  return {
    sections,
    attunement,
    coRegulation: 'Robin Okafor’s breathing slowed with mine.',
    ruptures: ruptureIds.map((id, i) => ({
      id,
      minute: 10 + i,
      type: i === 0 ? 'withdrawal' : 'confrontation',
      markers: i === 0 ? ['robin-freeze'] : ['complaints-about-therapist'],
      therapistMarkers: [],
      salience: 3,
      followedLapseOf: ['rhythmic'],
      context: `After I mentioned Mara, Robin went quiet (${i}).`,
      strategies: ['invite-discussion', 'okafor-grounding'],
      outcome: 'resolved',
      repairMinute: 20 + i,
      clientResponse: 'Robin said: “Mara would laugh at this.”',
    })),
    sessionJudgments: { therapistContribution: 2, overallResolution: 4 },
    participation,
    feedback: { relationship: 9, goals: 8, approach: 9, overall: 9 },
    plan: 'Ask Robin about the letter to Dr. Lindqvist; check in on Mara.',
    goalProgress: [],
    risk: null,
  };
}

/**
 * A client "Robin Okafor" (C-014) with three sessions a week or two apart (one at a +02:00 offset),
 * notes on each (one signed with an addendum, one on a template the clinician named after the
 * family), ruptures, a process note, and a custom marker and strategy whose ids and labels
 * carry the name.
 */
export async function seedCase(services: Services): Promise<SeededCase> {
  await services.settings.update({
    // Signing records the clinician's name (and may refuse without one).
    clinicianName: 'Dr. Ada Byrne',
    ruptureVocabulary: {
      markers: [
        {
          id: 'robin-freeze',
          type: 'withdrawal',
          label: 'Robin freezes',
          description: 'The Okafor silence.',
        },
      ],
      strategies: [
        { id: 'okafor-grounding', label: 'Okafor grounding', description: 'What works for Robin.' },
      ],
    },
  });
  const template = await services.templates.create({
    baseId: 'soap',
    name: 'Okafor family format',
    baseSections: [
      { id: 'okafor-history', label: 'Okafor family history', prompt: 'Robin’s family.' },
      { id: 'today', label: 'Today', prompt: '' },
    ],
  });
  const client = await services.clients.create({
    code: CLIENT_CODE,
    displayName: CLIENT_NAME,
    startDate: '2025-01-06',
    concerns: ['Grief after Mara left'],
    goals: [],
  });
  const starts = ['2025-03-03T09:00:00Z', '2025-03-10T19:30:00+02:00', '2025-03-24T09:00:00Z'];
  const sessions: Session[] = [];
  for (const startsAt of starts) {
    sessions.push(
      await services.sessions.create({
        clientId: client.id,
        startsAt,
        durationMinutes: 50,
        modality: 'video',
        attendance: 'attended',
      }),
    );
  }
  const ruptureIds = [randomUUID(), randomUUID(), randomUUID()];
  const notes: Note[] = [];
  // Session 1: SOAP, signed, with an addendum.
  let note = await services.notes.create(sessions[0]!.id, 'soap');
  await services.notes.saveDraft(
    note.id,
    namedDraft([ruptureIds[0]!], {
      subjective: 'Robin Okafor reports a hard week; Mara moved out.',
      objective: 'Robin was tearful. C-014 on the intake form.',
      assessment: 'Grief; Dr. Lindqvist’s referral letter fits.',
    }),
  );
  await services.notes.sign(note.id);
  note = await services.notes.addAddendum(note.id, {
    type: 'clarification',
    reason: 'Added after signing.',
    text: 'Robin called: Mara came back for her things.',
  });
  notes.push(note);
  await services.processNotes.save(note.id, `Robin ${PROCESS_SECRET}; my own unease about Mara.`);
  // Session 2: the clinician's own template, two ruptures.
  note = await services.notes.create(sessions[1]!.id, template.id);
  await services.notes.saveDraft(
    note.id,
    namedDraft([ruptureIds[1]!, ruptureIds[2]!], {
      'okafor-history': 'The Okafor family never talked about feelings, Robin says.',
      today: 'Robin compared me to Dr. Lindqvist.',
    }),
  );
  notes.push(await services.notes.get(note.id));
  // Session 3: a note without ruptures.
  note = await services.notes.create(sessions[2]!.id, 'dap');
  await services.notes.saveDraft(note.id, {
    ...namedDraft([], { data: 'Robin on time.', assessment: 'Steadier.' }),
    sessionJudgments: { therapistContribution: null, overallResolution: null },
  });
  notes.push(await services.notes.get(note.id));
  return { client, sessions, notes, ruptureIds, templateId: template.id };
}

/** Every id of the seeded records, to search the packet for. */
export function realIds(seeded: SeededCase): string[] {
  return [
    seeded.client.id,
    seeded.templateId,
    ...seeded.sessions.map((s) => s.id),
    ...seeded.notes.map((n) => n.id),
    ...seeded.ruptureIds,
    'robin-freeze',
    'okafor-grounding',
    'okafor-history',
  ];
}

/** A second, separate vault (the reviewer's), unlocked, with its own review service. */
export function openReviewerHarness() {
  return openReviewHarness('2025-07-01T08:00:00.000Z');
}
