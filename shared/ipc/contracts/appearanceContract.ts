import { z } from 'zod';
import { type Appearance, themePreferenceSchema } from '../../domain/themePreference';
import { returns } from './returns';

/**
 * The app's theme on this computer (issue 13, item 5). Answered whether the vault is locked or
 * not: the unlock screen is drawn in the chosen theme too.
 */
export const appearanceContract = {
  'appearance:get': { input: z.undefined(), output: returns<Appearance>() },
  'appearance:setTheme': {
    input: z.strictObject({ theme: themePreferenceSchema }),
    output: returns<Appearance>(),
  },
} as const;
