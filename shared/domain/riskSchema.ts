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

const yesNoUnclear = (what: string) =>
  z.enum(['no', 'yes', 'unclear'], { error: `Answer ${what}: no, yes or unclear.` });

/** The note's risk-assessment section. */
export const riskAssessmentSchema = z.strictObject({
  ideation: z.enum(ideationLevels, {
    error: 'Choose the ideation: none, passive, active without plan, or active with plan.',
  }),
  intent: yesNoUnclear('intent'),
  plan: yesNoUnclear('plan'),
  /** Access to means (firearms, medication stockpile…). */
  means: yesNoUnclear('access to means'),
  /** Self-harm or harm to others, in words, if any. */
  otherRisks: textSchema('Other risks').default(''),
  protectiveFactors: textSchema('The protective factors').default(''),
  level: z.enum(riskLevels, { error: 'Choose the risk level: low, moderate, high or imminent.' }),
  actionsTaken: textSchema('The actions taken').default(''),
});

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
