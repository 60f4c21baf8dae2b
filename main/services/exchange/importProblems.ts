import { AttuneError } from '../../../shared/errors';

/** One thing wrong with an import file, at a JSON path such as `notes[3].sessionId`. */
export interface ImportProblem {
  path: string;
  message: string;
}

/** Stop collecting after this many: the message shows a few, and a broken file can have millions. */
export const MAX_PROBLEMS = 1000;
const SHOWN = 5;

/** A JSON path from zod's path elements: `clients[3].code`, `sections["odd key"]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]{0,63}$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(clip(String(part), 40))}]`;
  }
  return out || '(the whole file)';
}

/** Cuts text to `max` characters: hostile files can carry megabyte-long keys. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The error that refuses an import: how many problems, and the first few with their paths. */
export function importRefused(problems: readonly ImportProblem[]): AttuneError {
  const shown = problems.slice(0, SHOWN).map((p) => `${p.path}: ${clip(p.message, 200).replace(/\.$/, '')}`);
  const more =
    problems.length > SHOWN
      ? `; and ${problems.length >= MAX_PROBLEMS ? 'many' : problems.length - SHOWN} more`
      : '';
  const count =
    problems.length >= MAX_PROBLEMS
      ? `${MAX_PROBLEMS} or more problems`
      : `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return new AttuneError(
    'invalid-input',
    `The import file is not valid, so nothing was imported (${count}): ${shown.join('; ')}${more}.`,
  );
}
