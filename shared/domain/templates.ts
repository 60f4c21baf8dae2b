/**
 * Note templates as data. A template names its base-format sections (free narrative, SOAP,
 * DAP, BIRP or the user's own) and which Attune sections it carries. The base format's closing
 * "P" (Plan) is the note's own `plan` field, shown last, so a SOAP note reads S, O, A, the
 * attunement sections, then P, and every format stores its plan in the same place for analytics.
 */
import { z } from 'zod';
import { recordIdSchema, sectionIdSchema } from './fields';

/** The Attune sections a template can carry, in the order the editor shows them. */
export const includableSectionIds = ['attunement', 'ruptures', 'participation', 'feedback', 'plan'] as const;

/** An Attune section a template can carry. */
export type IncludableSectionId = (typeof includableSectionIds)[number];

/** Headings of the Attune sections. */
export const includableSectionLabels: Record<IncludableSectionId, string> = {
  attunement: 'Attunement',
  ruptures: 'Ruptures and repairs',
  participation: 'Client participation',
  feedback: 'Session feedback',
  plan: 'Plan',
};

/** The prompt for the plan field, whatever the base format. */
export const planPrompt =
  'Next steps: focus for the next session, agreed tasks, referrals or coordination, risk follow-up.';

const sectionSchema = z.strictObject({
  id: sectionIdSchema,
  label: z
    .string({ error: 'Give the section a heading.' })
    .trim()
    .min(1, 'Give the section a heading.')
    .max(80, 'A section heading can be at most 80 characters.'),
  prompt: z
    .string({ error: 'A section prompt must be text.' })
    .max(1000, 'A section prompt can be at most 1,000 characters.'),
});

/** A template, built in or made by the user. */
export const templateSchema = z.strictObject({
  id: recordIdSchema,
  name: z
    .string({ error: 'Give the template a name (up to 80 characters).' })
    .trim()
    .min(1, 'Give the template a name (up to 80 characters).')
    .max(80, 'Give the template a name (up to 80 characters).'),
  description: z
    .string({ error: 'A template description must be text.' })
    .max(500, 'A template description can be at most 500 characters.')
    .default(''),
  builtIn: z.boolean({ error: 'Say whether the template is built in.' }),
  baseSections: z
    .array(sectionSchema, { error: 'A template’s sections must be a list.' })
    .min(1, 'A template needs at least one section of its own.')
    .max(20, 'A template can have at most 20 sections of its own.')
    .refine(
      (list) => new Set(list.map((s) => s.id)).size === list.length,
      'Each section of a template needs its own id.',
    ),
  includes: z.strictObject(
    {
      attunement: z.boolean(),
      ruptures: z.boolean(),
      participation: z.boolean(),
      feedback: z.boolean(),
      plan: z.boolean(),
    },
    { error: 'Say which Attune sections the template includes.' },
  ),
});

/** A note template. */
export type Template = z.output<typeof templateSchema>;
/** One base-format section of a template. */
export type TemplateSection = Template['baseSections'][number];
/** Which Attune sections a template carries. */
export type TemplateIncludes = Template['includes'];

const allSections: TemplateIncludes = {
  attunement: true,
  ruptures: true,
  participation: true,
  feedback: true,
  plan: true,
};

/** The built-in templates: Narrative, SOAP, DAP and BIRP. */
export const builtInTemplates: readonly Template[] = [
  {
    id: 'narrative',
    name: 'Narrative',
    description: 'A free-form account of the session, in your own words.',
    builtIn: true,
    baseSections: [
      {
        id: 'narrative',
        label: 'Session narrative',
        prompt: 'What happened in the session: themes, turning points, what stood out to you.',
      },
    ],
    includes: allSections,
  },
  {
    id: 'soap',
    name: 'SOAP',
    description: 'Subjective, Objective, Assessment, Plan.',
    builtIn: true,
    baseSections: [
      {
        id: 'subjective',
        label: 'Subjective',
        prompt: 'What the client reported: their account, concerns, mood and goals, in their own words.',
      },
      {
        id: 'objective',
        label: 'Objective',
        prompt: 'What you observed: appearance, affect, behaviour, speech, and any measures or scores.',
      },
      {
        id: 'assessment',
        label: 'Assessment',
        prompt: 'Your clinical reading: progress toward goals, formulation, risk, response to treatment.',
      },
    ],
    includes: allSections,
  },
  {
    id: 'dap',
    name: 'DAP',
    description: 'Data, Assessment, Plan.',
    builtIn: true,
    baseSections: [
      {
        id: 'data',
        label: 'Data',
        prompt: 'What happened: what the client said and did, what you observed, and what you did.',
      },
      {
        id: 'assessment',
        label: 'Assessment',
        prompt: 'What the data mean: progress, themes, formulation and risk.',
      },
    ],
    includes: allSections,
  },
  {
    id: 'birp',
    name: 'BIRP',
    description: 'Behavior, Intervention, Response, Plan.',
    builtIn: true,
    baseSections: [
      {
        id: 'behavior',
        label: 'Behavior',
        prompt: 'How the client presented and what they reported: mood, affect, behaviour, concerns.',
      },
      {
        id: 'intervention',
        label: 'Intervention',
        prompt: 'What you did: the methods and techniques you used, and toward which goal.',
      },
      {
        id: 'response',
        label: 'Response',
        prompt: 'How the client responded to your interventions during the session.',
      },
    ],
    includes: allSections,
  },
];

/** The built-in template with this id, if there is one. */
export function builtInTemplate(id: string): Template | undefined {
  return builtInTemplates.find((t) => t.id === id);
}

/** What a derived template changes from its base; the id is required, the rest optional. */
export interface TemplateChanges {
  id: string;
  description?: string;
  baseSections?: TemplateSection[];
  includes?: Partial<TemplateIncludes>;
}

/**
 * A user template made from `base` (built in or not). Throws a ZodError, with messages fit to
 * show, if the result is not a valid template.
 */
export function deriveTemplate(base: Template, name: string, changes: TemplateChanges): Template {
  return templateSchema.parse({
    id: changes.id,
    name,
    description: changes.description ?? base.description,
    builtIn: false,
    baseSections: (changes.baseSections ?? base.baseSections).map((s) => ({ ...s })),
    includes: { ...base.includes, ...changes.includes },
  });
}
