import { readFile, stat } from 'node:fs/promises';
import { AttuneError } from '../../../shared/errors';
import { MAX_IMPORT_BYTES } from './exportFileSchema';

/**
 * Reads and JSON-parses an import file. Files over 200 MB are refused before reading: a real
 * export of a large practice is a few tens of MB, and parsing needs several times the file size
 * in memory.
 */
export async function readImportFile(path: string): Promise<unknown> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AttuneError('invalid-input', `${path} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof AttuneError) throw error;
    throw new AttuneError('invalid-input', `Cannot read the import file ${path}.`);
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new AttuneError(
      'invalid-input',
      `The import file is ${(size / 1024 / 1024).toFixed(0)} MB; Attune imports files of up to 200 MB. Export fewer clients at a time.`,
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new AttuneError('invalid-input', `Cannot read the import file ${path}.`);
  }
  return parseImportText(text);
}

/** JSON.parse with a message a user can act on; a leading byte-order mark is allowed. */
export function parseImportText(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 160) : 'unreadable';
    throw new AttuneError(
      'invalid-input',
      `The import file is not valid JSON (${detail}), so nothing was imported.`,
    );
  }
}
