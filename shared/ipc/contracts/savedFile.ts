import { z } from 'zod';
import { isAbsolutePath, MAX_PATH_LENGTH } from '../../review/reviewFiles';

/**
 * What an export answers besides its own result: the id of the file main wrote, which
 * `files:showInFolder` takes (never a path) to show that file in the system's file manager.
 */
export type Saved<T> = T & { fileId: string };

/** The id `files:showInFolder` takes: one main handed out for a file it wrote. */
export const fileIdSchema = z.uuid({ error: 'Export the file again, then show it in its folder.' });

/** A file name to suggest in the save dialog: one name, no folders. */
export const suggestedFileName = z
  .string({ error: 'Suggest a file name.' })
  .min(1, 'Suggest a file name.')
  .max(150, 'A suggested file name can be at most 150 characters.')
  .refine(
    (name) => !/[/\\:*?"<>|]/.test(name) && ![...name].some((c) => c.charCodeAt(0) < 32),
    'A suggested file name cannot hold / \\ : * ? " < > | or control characters.',
  );

/** The path the user picked in the save dialog (main refuses any other). */
export const savePathInput = z
  .string({ error: 'Choose where to save it first.' })
  .min(1, 'Choose where to save it first.')
  .max(MAX_PATH_LENGTH, `The path can be at most ${MAX_PATH_LENGTH} characters.`)
  .refine((p) => !p.includes('\0'), 'A file path cannot contain a NUL character.')
  .refine(isAbsolutePath, 'Give the full path of the file, as the save dialog does.');
