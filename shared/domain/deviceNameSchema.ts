import { z } from 'zod';

const nameMessage = 'Enter a name for this computer of 1 to 60 characters, for example “Office iMac”.';

/**
 * The name other computers sharing the vault see for this one ("Also open on Office iMac").
 * Plain words only: no line breaks or other control characters.
 */
export const deviceNameSchema = z
  .string({ error: nameMessage })
  .trim()
  .min(1, nameMessage)
  .max(60, nameMessage)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'A computer’s name can’t hold line breaks or tabs.');
