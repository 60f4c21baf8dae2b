/** File names and paths of review packets and comments files. */
import { z } from 'zod';

export const PACKET_EXTENSION = '.attune-review';
export const COMMENTS_EXTENSION = '.attune-comments';
export const MAX_PATH_LENGTH = 4096;

/**
 * POSIX (/…) or Windows drive (C:\… or C:/…) absolute paths. UNC paths (\\server\…) are
 * refused: opening one makes Windows connect out over SMB and offer the user's credentials.
 */
export function isAbsolutePath(path: string): boolean {
  // To Windows "/\server\share" is a UNC path too (either slash separates): the second character
  // may be neither slash.
  return /^\/(?![\\/])/.test(path) || /^[A-Za-z]:[\\/]/.test(path);
}

/**
 * A path to a review file, as the app's native open dialog gives it: absolute, with the right
 * extension, of sane length and free of NUL bytes. Anything else is refused before main reads it.
 */
export function reviewFilePathSchema(extension: typeof PACKET_EXTENSION | typeof COMMENTS_EXTENSION) {
  const what = extension === PACKET_EXTENSION ? 'a review packet' : 'a comments file';
  return z
    .string({ error: `Choose ${what} to open.` })
    .min(1, `Choose ${what} to open.`)
    .max(MAX_PATH_LENGTH, `The path of ${what} can be at most ${MAX_PATH_LENGTH} characters.`)
    .refine((p) => !p.includes('\0'), 'A file path cannot contain a NUL character.')
    .refine(isAbsolutePath, 'Give the full path of the file, as the open dialog does.')
    .refine((p) => p.toLowerCase().endsWith(extension), `Choose ${what}: its name ends with ${extension}.`);
}

/** A file-name-safe form of an alias: "Client A" → "Client-A". */
export function aliasFileStem(alias: string): string {
  const stem = alias
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return stem || 'case';
}
