import { z } from 'zod';
import { recordIdSchema } from '../../domain/fields';
import { type Template, templateSchema } from '../../domain/templates';
import { returns } from './returns';

/**
 * Managing the user's own note templates (listing and creating are in the note contract):
 * duplicate any template, edit or remove one of the user's own, and how many notes use each.
 */
export const templateContract = {
  /** A copy of any template under a free name (“SOAP (copy)”), which the user can then edit. */
  'templates:duplicate': {
    input: z.strictObject({ id: recordIdSchema }),
    output: returns<Template>(),
  },
  /** Changes a user template; built-in ones are refused (duplicate them instead). */
  'templates:update': {
    input: z.strictObject({
      id: recordIdSchema,
      changes: z.strictObject({
        name: templateSchema.shape.name.optional(),
        description: templateSchema.shape.description.unwrap().optional(),
        baseSections: templateSchema.shape.baseSections.optional(),
        includes: templateSchema.shape.includes.partial().optional(),
      }),
    }),
    output: returns<Template>(),
  },
  /** Removes a user template no note uses; a used one is refused with how many notes use it. */
  'templates:remove': {
    input: z.strictObject({ id: recordIdSchema }),
    output: returns<null>(),
  },
  /** How many notes use each template, by template id (unused templates are absent). */
  'templates:usage': {
    input: z.undefined(),
    output: returns<Record<string, number>>(),
  },
} as const;
