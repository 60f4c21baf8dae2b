/**
 * The decrypted content of a review packet (`.attune-review`): one client's case, de-identified,
 * as it leaves the clinician's machine. Records are known only by opaque refs made fresh for the
 * packet; nothing in it is a vault id, a client code or a name. See docs/review-packet-format.md.
 */
import { z } from 'zod';
import { attunementSchema } from '../domain/attunementSchema';
import { dimensionIds } from '../domain/dimensions';
import { FEEDBACK_TOTAL_MAX, sessionFeedbackSchema } from '../domain/feedback';
import {
  isoDateSchema,
  isoDateTimeSchema,
  MAX_SESSION_MINUTES,
  sectionIdSchema,
  scoreSchema,
  textSchema,
} from '../domain/fields';
import { diagnosisStatusSchema, icd10CodeSchema } from '../domain/diagnosisSchema';
import { goalProgressSchema } from '../domain/goalProgressSchema';
import { addendumTypes, noteStatusSchema } from '../domain/noteSchema';
import { participationItemIds } from '../domain/participation';
import { participationSchema } from '../domain/participationSchema';
import { sessionJudgmentsSchema } from '../domain/ruptureSchema';
import { riskAssessmentSchema } from '../domain/riskSchema';
import { ruptureOutcomeIds, ruptureTypeIds } from '../domain/ruptures';
import { sessionSchema } from '../domain/sessionSchema';
import { goalStatusSchema } from '../domain/treatmentPlanSchema';
import { instrumentIds } from '../measures/instrument';
import { packetMeasureScores, packetMeasureSchema } from './packetMeasureSchema';
import { CASE_REF, packetRefSchema } from './packetRef';

export const PACKET_FORMAT = 'attune-review-packet';
/**
 * 2 (issue 15): the treatment plan's goals, the notes' goal progress and risk sections, typed
 * addenda, and diagnoses when ticked. A version 1 packet reads as one without them.
 * 3 (issue 14): the outcome measures given at the packet's sessions, with their scores. A version
 * 1 or 2 packet reads as one without measures.
 */
export const PACKET_VERSION = 3;
/** The most sessions one packet holds; a year of weekly sessions is about fifty. */
export const MAX_PACKET_SESSIONS = 2000;

/** A packet id: 128 random bits in lower-case hex. */
export const packetIdSchema = z
  .string({ error: 'A packet id is missing.' })
  .regex(/^[0-9a-f]{32}$/, 'A packet id is 32 lower-case hex characters.');

export { CASE_REF, packetRefSchema } from './packetRef';

/** A rupture-vocabulary or template id: built in ("minimal-response", "soap") or a packet ref. */
const vocabularyIdSchema = z
  .string({ error: 'An id must be text.' })
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'An id is up to 64 lower-case letters, digits or dashes.');

/** The packet alias the client appears under, e.g. "Client A". */
export const aliasSchema = z
  .string({ error: 'Enter an alias for the client.' })
  .trim()
  .min(1, 'Enter an alias for the client.')
  .max(40, 'An alias can be at most 40 characters.')
  .regex(/^[\p{L}\p{N} ._-]+$/u, 'An alias uses letters, digits, spaces, dots, dashes or underscores.');

/** What the clinician chose to put in the packet. */
export const packetIncludeSchema = z.strictObject({
  /** Summary metrics (computed by review mode from `summaries`). */
  metrics: z.boolean({ error: 'Say whether to include the summary metrics.' }),
  /** The charts (drawn by review mode from `summaries`). */
  charts: z.boolean({ error: 'Say whether to include the charts.' }),
  /** The notes' text. */
  notes: z.boolean({ error: 'Say whether to include the notes.' }),
  /** Ruptures and repairs, with their context. */
  ruptures: z.boolean({ error: 'Say whether to include ruptures and repairs.' }),
  /** Psychotherapy (process) notes: only on an explicit, separate choice. */
  processNotes: z.boolean({ error: 'Say whether to include process notes.' }),
  /**
   * The client's diagnosis codes: only on an explicit choice, off by default (a code with a
   * date shift still says much about a person). Absent in version 1 packets.
   */
  diagnoses: z.boolean({ error: 'Say whether to include the diagnoses.' }).default(false),
});
export type PacketInclude = z.infer<typeof packetIncludeSchema>;
/** The choices as a request gives them: `diagnoses` may be left out (off). */
export type PacketIncludeInput = z.input<typeof packetIncludeSchema>;

const minuteSchema = z.int().min(0).max(MAX_SESSION_MINUTES).nullable();

const ruptureFields = {
  minute: minuteSchema,
  type: z.enum(ruptureTypeIds),
  markers: z.array(vocabularyIdSchema).max(100),
  /** The therapist's own reactions (issue 14); absent in older packets. */
  therapistMarkers: z.array(vocabularyIdSchema).max(100).default([]),
  salience: scoreSchema('Salience is 1–5 or empty.'),
  followedLapseOf: z.array(z.enum(dimensionIds)).max(dimensionIds.length),
  strategies: z.array(vocabularyIdSchema).max(100),
  outcome: z.enum(ruptureOutcomeIds).nullable(),
  repairMinute: minuteSchema,
};

/** A rupture and its repair, with its free text, inside a packet note. */
export const packetRuptureSchema = z.strictObject({
  ruptureRef: packetRefSchema,
  ...ruptureFields,
  context: textSchema('The rupture context'),
  clientResponse: textSchema('The client’s response'),
});
export type PacketRupture = z.infer<typeof packetRuptureSchema>;

export const packetSessionSchema = z.strictObject({
  sessionRef: packetRefSchema,
  /** Shifted when `dateShiftApplied`. */
  startsAt: isoDateTimeSchema,
  durationMinutes: sessionSchema.shape.durationMinutes,
  modality: sessionSchema.shape.modality,
  attendance: sessionSchema.shape.attendance,
});
export type PacketSession = z.infer<typeof packetSessionSchema>;

/** A goal the note addressed: the goal by its packet ref, the progress, the comment de-identified. */
export const packetGoalProgressSchema = z.strictObject({
  goalRef: packetRefSchema,
  progress: goalProgressSchema.shape.progress,
  comment: textSchema('A progress comment'),
});
export type PacketGoalProgress = z.infer<typeof packetGoalProgressSchema>;

/** A note as it appears in the packet: its text de-identified, its ids replaced by refs. */
export const packetNoteSchema = z.strictObject({
  sessionRef: packetRefSchema,
  noteRef: packetRefSchema,
  /** A built-in template id, or the ref of an entry in `templates`. */
  templateId: vocabularyIdSchema,
  status: noteStatusSchema,
  signedAt: isoDateTimeSchema.nullable(),
  /**
   * True when parts of the note were left out by the clinician's choices (its text when only
   * ruptures were chosen, its ruptures when they were not): the reader must not take it as whole.
   */
  excerpt: z.boolean(),
  sections: z.record(sectionIdSchema, textSchema('A section')),
  attunement: attunementSchema,
  coRegulation: textSchema('The co-regulation note'),
  ruptures: z.array(packetRuptureSchema).max(100),
  sessionJudgments: sessionJudgmentsSchema,
  participation: participationSchema,
  feedback: sessionFeedbackSchema.nullable(),
  plan: textSchema('The plan'),
  /** The plan goals the session addressed (version 2; absent in older packets). */
  goalProgress: z.array(packetGoalProgressSchema).max(50).default([]),
  /** The note's risk section, its free text de-identified (version 2; absent in older packets). */
  risk: riskAssessmentSchema.nullable().default(null),
  addenda: z
    .array(
      z.strictObject({
        at: isoDateTimeSchema,
        /** Correction, clarification or late entry (version 2); untyped addenda have none. */
        type: z.enum(addendumTypes).optional(),
        reason: textSchema('An addendum’s reason').optional(),
        text: textSchema('An addendum'),
      }),
    )
    .max(1000)
    .optional(),
});
export type PacketNote = z.output<typeof packetNoteSchema>;

/** A note summary keyed by packet refs: what review mode's charts and metrics read. */
export const packetSummarySchema = z.strictObject({
  id: packetRefSchema,
  sessionId: packetRefSchema,
  clientId: z.literal(CASE_REF),
  templateId: vocabularyIdSchema,
  status: noteStatusSchema,
  updatedAt: isoDateTimeSchema,
  signedAt: isoDateTimeSchema.nullable(),
  ratings: z.record(z.enum(dimensionIds), z.int().min(1).max(5).nullable()),
  /** Unrated dimensions marked "Did not come up" (issue 14); absent in older packets. */
  notArisen: z.array(z.enum(dimensionIds)).max(dimensionIds.length).default([]),
  ruptures: z.array(z.strictObject({ id: packetRefSchema, ...ruptureFields })).max(100),
  judgments: sessionJudgmentsSchema,
  participation: z.record(z.enum(participationItemIds), z.boolean()),
  emotions: z.array(z.string().min(1).max(60)).max(100),
  feedback: sessionFeedbackSchema.nullable(),
});
export type PacketSummary = z.output<typeof packetSummarySchema>;

/** The template of packet notes: its name and section headings, to lay the notes out. */
export const packetTemplateSchema = z.strictObject({
  id: vocabularyIdSchema,
  name: z.string().min(1).max(80),
  builtIn: z.boolean(),
  sections: z.array(z.strictObject({ id: sectionIdSchema, label: z.string().min(1).max(80) })).max(20),
});
export type PacketTemplate = z.infer<typeof packetTemplateSchema>;

/** A goal of the client's treatment plan, its text de-identified, known by a packet ref. */
export const packetGoalSchema = z.strictObject({
  goalRef: packetRefSchema,
  text: textSchema('A goal'),
  status: goalStatusSchema,
  /** Shifted with the other dates. */
  targetDate: isoDateSchema.nullable(),
  objectives: z
    .array(
      z.strictObject({
        text: textSchema('An objective'),
        measure: textSchema('How an objective is measured'),
        targetDate: isoDateSchema.nullable(),
      }),
    )
    .max(20),
  /**
   * False for a goal that only an earlier plan version holds, carried because a packet note
   * addressed it.
   */
  inPlan: z.boolean(),
});
export type PacketGoal = z.infer<typeof packetGoalSchema>;

/**
 * The plan version the packet's goals come from: its place, status and (shifted) review date,
 * each null when no version is left (goals addressed under a draft since discarded).
 */
export const packetPlanSchema = z.strictObject({
  version: z.int().min(1).max(10_000).nullable(),
  status: z.enum(['draft', 'signed']).nullable(),
  reviewDate: isoDateSchema.nullable(),
  goals: z.array(packetGoalSchema).max(200),
});
export type PacketPlan = z.infer<typeof packetPlanSchema>;

/** A diagnosis as it goes into a packet when the clinician ticked "Include diagnoses". */
export const packetDiagnosisSchema = z.strictObject({
  code: icd10CodeSchema,
  description: z.string().min(1).max(500),
  rank: z.enum(['primary', 'secondary']),
  status: diagnosisStatusSchema,
  /** Shifted with the other dates. */
  diagnosedOn: isoDateSchema,
  endedOn: isoDateSchema.nullable(),
});
export type PacketDiagnosis = z.infer<typeof packetDiagnosisSchema>;

/** The clinician's own rupture markers and strategies used in the packet (built-in ones are known). */
export const packetVocabularySchema = z.strictObject({
  markers: z
    .array(
      z.strictObject({
        id: vocabularyIdSchema,
        type: z.enum(ruptureTypeIds),
        label: z.string().min(1).max(120),
        description: z.string().max(500),
      }),
    )
    .max(200),
  strategies: z
    .array(
      z.strictObject({
        id: vocabularyIdSchema,
        label: z.string().min(1).max(120),
        description: z.string().max(500),
      }),
    )
    .max(200),
});
export type PacketVocabulary = z.infer<typeof packetVocabularySchema>;

export const packetSchema = z
  .strictObject({
    format: z.literal(PACKET_FORMAT),
    /** 1 to 3: a reader of version 3 reads older packets (the newer parts read as absent). */
    version: z.union([z.literal(1), z.literal(2), z.literal(PACKET_VERSION)]),
    packetId: packetIdSchema,
    /** When the packet was made (shifted with the other dates). */
    createdAt: isoDateTimeSchema,
    alias: aliasSchema,
    dateShiftApplied: z.boolean(),
    /** The date range chosen (shifted with the dates); null when sessions were picked one by one. */
    range: z.strictObject({ from: isoDateSchema.nullable(), to: isoDateSchema.nullable() }).nullable(),
    include: packetIncludeSchema,
    /** Feedback totals below this line are flagged, as in the clinician's settings. */
    concernLine: z.number().min(0).max(FEEDBACK_TOTAL_MAX),
    sessions: z.array(packetSessionSchema).min(1).max(MAX_PACKET_SESSIONS),
    notes: z.array(packetNoteSchema).max(MAX_PACKET_SESSIONS),
    summaries: z.array(packetSummarySchema).max(MAX_PACKET_SESSIONS),
    processNotes: z
      .array(
        z.strictObject({
          sessionRef: packetRefSchema,
          noteRef: packetRefSchema,
          text: textSchema('A process note'),
        }),
      )
      .max(MAX_PACKET_SESSIONS)
      .optional(),
    templates: z.array(packetTemplateSchema).max(100),
    vocabulary: packetVocabularySchema,
    /**
     * The client's treatment plan goals (version 2), or null when the client has no plan or the
     * packet holds no notes. Never the plan's problems, interventions or notes.
     */
    treatmentPlan: packetPlanSchema.nullable().default(null),
    /** Present only when `include.diagnoses` is true (version 2). */
    diagnoses: z.array(packetDiagnosisSchema).max(100).optional(),
    /**
     * The client's outcome measures given at the packet's sessions, with their scores (version 3),
     * when the metrics or charts are included; empty otherwise, and in older packets.
     */
    measures: z
      .array(packetMeasureSchema)
      .max(MAX_PACKET_SESSIONS * instrumentIds.length)
      .default([]),
  })
  .superRefine((packet, ctx) => {
    const problem = packetProblem(packet);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  });

/** The decrypted content of a review packet. */
export type ReviewPacket = z.output<typeof packetSchema>;

/** The first inconsistency between the parts of a packet (refs that point nowhere, say), or null. */
function packetProblem(
  packet: z.output<typeof packetSchema>,
): { path: (string | number)[]; message: string } | null {
  const sessionRefs = new Set(packet.sessions.map((s) => s.sessionRef));
  if (sessionRefs.size !== packet.sessions.length) {
    return { path: ['sessions'], message: 'Each session in a packet needs its own reference.' };
  }
  const templates = new Set(packet.templates.map((t) => t.id));
  const ruptureRefs = new Set<string>();
  for (const [i, note] of packet.notes.entries()) {
    if (!sessionRefs.has(note.sessionRef)) {
      return {
        path: ['notes', i, 'sessionRef'],
        message: 'A note refers to a session that is not in the packet.',
      };
    }
    if (!templates.has(note.templateId)) {
      return {
        path: ['notes', i, 'templateId'],
        message: 'A note’s template is not described in the packet.',
      };
    }
    for (const r of note.ruptures) {
      if (ruptureRefs.has(r.ruptureRef)) {
        return {
          path: ['notes', i, 'ruptures'],
          message: 'Each rupture in a packet needs its own reference.',
        };
      }
      ruptureRefs.add(r.ruptureRef);
    }
  }
  for (const [i, summary] of packet.summaries.entries()) {
    if (!sessionRefs.has(summary.sessionId)) {
      return {
        path: ['summaries', i, 'sessionId'],
        message: 'A summary refers to a session that is not in the packet.',
      };
    }
  }
  if ((packet.processNotes !== undefined) !== packet.include.processNotes) {
    return {
      path: ['processNotes'],
      message: 'Process notes are in a packet exactly when the clinician chose to include them.',
    };
  }
  if ((packet.diagnoses !== undefined) !== packet.include.diagnoses) {
    return {
      path: ['diagnoses'],
      message: 'Diagnoses are in a packet exactly when the clinician chose to include them.',
    };
  }
  const goalRefs = new Set(packet.treatmentPlan?.goals.map((g) => g.goalRef) ?? []);
  if (goalRefs.size !== (packet.treatmentPlan?.goals.length ?? 0)) {
    return { path: ['treatmentPlan', 'goals'], message: 'Each goal in a packet needs its own reference.' };
  }
  for (const [i, note] of packet.notes.entries()) {
    const k = note.goalProgress.findIndex((g) => !goalRefs.has(g.goalRef));
    if (k !== -1) {
      return {
        path: ['notes', i, 'goalProgress', k, 'goalRef'],
        message: 'A note’s progress refers to a goal that is not in the packet.',
      };
    }
  }
  const measureProblem = packetMeasureProblem(packet, sessionRefs);
  if (measureProblem) return measureProblem;
  for (const [i, p] of (packet.processNotes ?? []).entries()) {
    if (!sessionRefs.has(p.sessionRef)) {
      return {
        path: ['processNotes', i, 'sessionRef'],
        message: 'A process note refers to a session that is not in the packet.',
      };
    }
  }
  return null;
}

/** Measures only with the metrics or charts, at the packet's sessions, scored as Attune scores them. */
function packetMeasureProblem(
  packet: z.output<typeof packetSchema>,
  sessionRefs: ReadonlySet<string>,
): { path: (string | number)[]; message: string } | null {
  if (packet.measures.length === 0) return null;
  if (!packet.include.metrics && !packet.include.charts) {
    return {
      path: ['measures'],
      message: 'Outcome measures are in a packet only with its summary metrics or charts.',
    };
  }
  const seen = new Set<string>();
  for (const [i, m] of packet.measures.entries()) {
    if (!sessionRefs.has(m.sessionRef)) {
      return {
        path: ['measures', i, 'sessionRef'],
        message: 'A measure refers to a session that is not in the packet.',
      };
    }
    const key = `${m.sessionRef} ${m.instrument}`;
    if (seen.has(key)) {
      return { path: ['measures', i], message: 'A session holds at most one of each measure.' };
    }
    seen.add(key);
  }
  // The scores are written out for readers without Attune: they must be the answers' own.
  const scored = packetMeasureScores(packet.measures);
  const i = packet.measures.findIndex((m, k) => {
    const s = scored[k]!;
    return (
      m.sessionRef !== s.sessionRef ||
      m.instrument !== s.instrument ||
      m.total !== s.total ||
      m.band !== s.band ||
      m.clinical !== s.clinical ||
      m.riskItem !== s.riskItem ||
      m.sinceFirst !== s.sinceFirst
    );
  });
  return i === -1
    ? null
    : {
        path: ['measures', i],
        message: 'A measure’s scores do not follow from its answers, or the measures are out of order.',
      };
}

/** Every rupture ref of a packet with the session it belongs to (from notes and summaries). */
export function packetRuptureSessions(packet: ReviewPacket): Map<string, string> {
  const out = new Map<string, string>();
  for (const note of packet.notes) for (const r of note.ruptures) out.set(r.ruptureRef, note.sessionRef);
  for (const s of packet.summaries) for (const r of s.ruptures) out.set(r.id, s.sessionId);
  return out;
}
