/**
 * Risk (issue 15): an optional structured section of a note, and a client's safety plan. The
 * section's level drives the risk badge on the client list and the reminder at the next note.
 */
import { z } from 'zod';
import { isoDateSchema, isoDateTimeSchema, recordIdSchema, textSchema } from './fields';

/** Suicidal ideation as assessed, none to active with plan. */
export const ideationLevels = ['none', 'passive', 'active-no-plan', 'active-with-plan'] as const;
/** Overall risk as judged by the clinician. */
export const riskLevels = ['low', 'moderate', 'high', 'imminent'] as const;
/** Levels at which risk counts as elevated: badge on the client, reminder at the next note. */
export const elevatedRiskLevels: ReadonlySet<RiskLevel> = new Set(['moderate', 'high', 'imminent']);

/** The answers to intent, plan and access to means. */
export const riskAnswers = ['no', 'yes', 'unclear'] as const;

const yesNoUnclear = (what: string) =>
  z.enum(riskAnswers, { error: `Answer ${what}: no, yes or unclear.` }).nullable();

/**
 * The note's risk-assessment section. A draft may hold it half answered (null: not answered yet,
 * so autosave never stops on it); signing asks for every answer (`riskSigningProblems`).
 */
export const riskAssessmentSchema = z.strictObject({
  ideation: z
    .enum(ideationLevels, {
      error: 'Choose the ideation: none, passive, active without plan, or active with plan.',
    })
    .nullable(),
  intent: yesNoUnclear('intent'),
  plan: yesNoUnclear('plan'),
  /** Access to means (firearms, medication stockpile…). */
  means: yesNoUnclear('access to means'),
  /** Self-harm or harm to others, in words, if any. */
  otherRisks: textSchema('Other risks').default(''),
  protectiveFactors: textSchema('The protective factors').default(''),
  level: z.enum(riskLevels, { error: 'Choose the risk level: low, moderate, high or imminent.' }).nullable(),
  actionsTaken: textSchema('The actions taken').default(''),
});

/** A risk section as "Add a risk assessment" starts it: nothing answered for the clinician. */
export function emptyRiskAssessment(): RiskAssessment {
  return {
    ideation: null,
    intent: null,
    plan: null,
    means: null,
    otherRisks: '',
    protectiveFactors: '',
    level: null,
    actionsTaken: '',
  };
}

/** The words for each answer, on screen and in printed records. */
export const ideationLabels: Record<(typeof ideationLevels)[number], string> = {
  none: 'None',
  passive: 'Passive (wishes to be dead)',
  'active-no-plan': 'Active, without a plan',
  'active-with-plan': 'Active, with a plan',
};
export const riskAnswerLabels: Record<(typeof riskAnswers)[number], string> = {
  no: 'No',
  yes: 'Yes',
  unclear: 'Unclear',
};
export const riskLevelLabels: Record<RiskLevel, string> = {
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  imminent: 'Imminent',
};

/** Levels at which a note can't be signed without the actions taken written down. */
export const actionRequiredLevels: ReadonlySet<RiskLevel> = new Set(['high', 'imminent']);

/**
 * Why a note's risk section can't be signed yet, by field: every question answered, and at high
 * or imminent risk the actions taken documented (a record that rates risk high and says nothing
 * of what was done is the gap a clinical reviewer looks for first). Empty when it can be signed.
 */
export function riskSigningProblems(
  risk: RiskAssessment,
): { field: keyof RiskAssessment; message: string }[] {
  const problems: { field: keyof RiskAssessment; message: string }[] = [];
  const ask = (field: keyof RiskAssessment, message: string) => {
    if (risk[field] === null) problems.push({ field, message });
  };
  ask('ideation', 'Risk assessment: choose the ideation before signing.');
  ask('intent', 'Risk assessment: answer intent before signing.');
  ask('plan', 'Risk assessment: answer plan before signing.');
  ask('means', 'Risk assessment: answer access to means before signing.');
  ask('level', 'Risk assessment: choose the risk level before signing.');
  if (risk.level && actionRequiredLevels.has(risk.level) && !risk.actionsTaken.trim()) {
    problems.push({
      field: 'actionsTaken',
      message: `Risk assessment: risk is ${riskLevelLabels[risk.level].toLowerCase()}, so write the actions taken (for example safety plan reviewed, crisis line given, emergency contact called) before signing.`,
    });
  }
  return problems;
}

const listItem = (what: string) =>
  z
    .string({ error: `Each ${what} must be text.` })
    .trim()
    .min(1, `Each ${what} needs some text.`)
    .max(500, `Each ${what} can be at most 500 characters.`);
const list = (what: string, plural: string) =>
  z
    .array(listItem(what), { error: `${plural} must be a list.` })
    .max(30, `List at most 30 ${plural.toLowerCase()}.`);

/** Someone the client can reach: a person, a professional or a crisis line. */
export const safetyContactSchema = z.strictObject({
  name: listItem('contact name'),
  /** Phone, text line or address, as the client would use it. */
  reach: z
    .string({ error: 'How to reach them must be text.' })
    .trim()
    .max(200, 'Keep how to reach them under 200 characters.')
    .default(''),
});

const contacts = (plural: string) =>
  z
    .array(safetyContactSchema, { error: `${plural} must be a list.` })
    .max(30, `List at most 30 ${plural.toLowerCase()}.`);

/** A client's safety plan (Stanley–Brown structure), one per client, revised in place with dates. */
export const safetyPlanSchema = z.strictObject({
  id: recordIdSchema,
  clientId: recordIdSchema,
  warningSigns: list('warning sign', 'Warning signs'),
  copingStrategies: list('coping strategy', 'Coping strategies'),
  /** People and places that help as distraction. */
  distractions: list('person or place', 'People and places'),
  contacts: contacts('Contacts'),
  professionals: contacts('Professionals'),
  crisisLines: contacts('Crisis lines'),
  /** Making the environment safe (means restriction). */
  safeEnvironment: textSchema('Making the environment safe').default(''),
  reasonsForLiving: list('reason', 'Reasons for living'),
  reviewedOn: isoDateSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});

/** The note's risk-assessment section. */
export type RiskAssessment = z.output<typeof riskAssessmentSchema>;
/** A risk level. */
export type RiskLevel = (typeof riskLevels)[number];
/** A client's safety plan. */
export type SafetyPlan = z.output<typeof safetyPlanSchema>;
