import { readFile, stat } from 'node:fs/promises';
import { AttuneError } from '../../../shared/errors';
import { MAX_IMPORT_BYTES } from './exportFileSchema';
import { firstInvalidUtf8Offset } from './firstInvalidUtf8Offset';

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
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new AttuneError('invalid-input', `Cannot read the import file ${path}.`);
  }
  return parseImportText(decodeImportBytes(bytes));
}

/**
 * The file's text, refusing bytes that are not UTF-8. A lenient decoder would turn them into
 * U+FFFD and import notes whose words were silently changed; the offset lets the user find them.
 */
export function decodeImportBytes(bytes: Uint8Array): string {
  try {
    // ignoreBOM keeps a leading byte-order mark in the text, for parseImportText to drop once.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    if (
      offset === 0 &&
      ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    ) {
      throw new AttuneError(
        'invalid-input',
        'The import file is UTF-16 text (it starts with a UTF-16 byte-order mark at byte 0), so nothing was imported. Save it as UTF-8 and import it again.',
      );
    }
    throw new AttuneError(
      'invalid-input',
      `The import file is not valid UTF-8: ${offset === null ? 'some bytes are' : `the byte at offset ${offset} (line ${lineAt(bytes, offset)}) is`} not part of a UTF-8 character, so nothing was imported. Save the file as UTF-8, or export it again with \`attune export\`, and import it again.`,
    );
  }
}

/** The 1-based line that holds byte `offset`. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
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
