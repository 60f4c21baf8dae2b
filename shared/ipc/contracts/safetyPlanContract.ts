import { z } from 'zod';
import { isoDateSchema, isoDateTimeSchema, recordIdSchema } from '../../domain/fields';
import { type RiskLevel, type SafetyPlan, safetyPlanSchema } from '../../domain/riskSchema';
import { returns } from './returns';

const { shape } = safetyPlanSchema;

/**
 * A client's safety plan as the form sends it: main adds the id and the timestamps. One plan per
 * client, revised in place. `expectedUpdatedAt`: only over that version (null: only if the client
 * has none yet), else refused with `conflict`, so two windows never save over each other unseen.
 */
export const safetyPlanSaveInput = z.strictObject({
  clientId: recordIdSchema,
  warningSigns: shape.warningSigns,
  copingStrategies: shape.copingStrategies,
  distractions: shape.distractions,
  contacts: shape.contacts,
  professionals: shape.professionals,
  crisisLines: shape.crisisLines,
  safeEnvironment: shape.safeEnvironment,
  reasonsForLiving: shape.reasonsForLiving,
  reviewedOn: isoDateSchema,
  expectedUpdatedAt: isoDateTimeSchema.nullable(),
});
export type SafetyPlanSaveInput = z.input<typeof safetyPlanSaveInput>;

/**
 * A client whose latest risk assessment (the newest note with a risk level, by session date) is
 * at an elevated level: the badge on the client, the reminder at the next note, Today's row.
 */
export interface ElevatedRisk {
  clientId: string;
  level: RiskLevel;
  /** When the assessing session started (ISO date-time). */
  sessionDate: string;
  sessionId: string;
  /** The note holding the assessment. */
  noteId: string;
  /**
   * The first later session still without a signed note (cancelled ones without a note left
   * out): where the follow-up is written. Null when there is none yet.
   */
  followUp: { sessionId: string; startsAt: string; noteId: string | null } | null;
}

export const safetyPlanContract = {
  /** The client's safety plan, or null when none was written. */
  'safetyPlans:get': {
    input: z.strictObject({ clientId: recordIdSchema }),
    output: returns<SafetyPlan | null>(),
  },
  /** Creates or revises the client's safety plan (audited). */
  'safetyPlans:save': { input: safetyPlanSaveInput, output: returns<SafetyPlan>() },
  /** Every client whose latest assessed risk is elevated, highest level first. */
  'risk:elevated': { input: z.undefined(), output: returns<ElevatedRisk[]>() },
} as const;
