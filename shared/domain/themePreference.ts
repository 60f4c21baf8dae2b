import { z } from 'zod';

/**
 * How the app is coloured on this computer: always light, always dark, or following the
 * operating system's setting ("system", the default).
 */
export const themePreferences = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof themePreferences)[number];

export const themePreferenceSchema = z.enum(themePreferences, {
  error: 'Choose light, dark, or follow the system.',
});

/** This computer's appearance settings, kept in its device settings so the lock screen has them. */
export const appearanceSchema = z.strictObject({
  theme: themePreferenceSchema.default('system'),
});
export type Appearance = z.output<typeof appearanceSchema>;
