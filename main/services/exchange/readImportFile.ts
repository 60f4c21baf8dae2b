import { readFile, stat } from 'node:fs/promises';
import { AttuneError } from '../../../shared/errors';
import { exportMegabytes, MAX_IMPORT_BYTES } from './exportFileSchema';
import { firstInvalidUtf8Offset } from './firstInvalidUtf8Offset';
import { jsonErrorOffset } from './jsonErrorOffset';

/**
 * Reads and JSON-parses an import file. Files over 200 MB are refused before reading: a real
 * export of a large practice is a few tens of MB, and parsing needs several times the file size
 * in memory.
 */
export async function readImportFile(path: string): Promise<unknown> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      const what = info.isDirectory() ? 'a folder' : 'a device or other special file';
      throw new AttuneError('invalid-input', `The import file ${path} is ${what}, not a file.`);
    }
    size = info.size;
  } catch (error) {
    throw unreadable(error, path);
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new AttuneError(
      'invalid-input',
      `The import file is over 200 MB (${exportMegabytes(size)} MB), more than Attune imports, so nothing was imported. ` +
        'To move a whole vault to another computer, use a backup of it instead (Back up now in the app, or `attune backup`).',
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw unreadable(error, path);
  }
  return parseImportText(decodeImportBytes(bytes));
}

/** Why the import file at `path` could not be read, in words. */
function unreadable(error: unknown, path: string): AttuneError {
  if (error instanceof AttuneError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new AttuneError('invalid-input', `There is no import file ${path}: check its name and folder.`);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new AttuneError(
      'invalid-input',
      `Attune is not allowed to read the import file ${path}: check its permissions.`,
    );
  }
  return new AttuneError(
    'invalid-input',
    `Cannot read the import file ${path} (${code ?? 'unknown error'}).`,
  );
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

/**
 * JSON.parse with a message a user can act on: the line and column of the mistake, or that the
 * file stops early. V8's own words are kept without the text it quotes, which is the notes'. A
 * leading byte-order mark is allowed.
 */
export function parseImportText(text: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(json);
  } catch (error) {
    if (json.trim() === '') {
      throw new AttuneError('invalid-input', 'The import file is empty, so nothing was imported.');
    }
    const offset = jsonErrorOffset(json);
    const { line, column } = lineAndColumn(json, Math.max(offset, 0));
    if (offset === json.length) {
      throw new AttuneError(
        'invalid-input',
        `The import file is not valid JSON: it ends at line ${line} before its JSON does, so it may have been cut short (copied or downloaded only in part). Nothing was imported; export it again, or copy the whole file.`,
      );
    }
    const detail = (error instanceof Error ? error.message : 'unreadable')
      .replace(/, (?:"|\.\.\.")[\s\S]*$/, '')
      // Newer V8 adds the line and column too ("… at position 9 (line 1 column 10)"): said once, below.
      .replace(/ (?:in JSON )?at position \d+(?: \(line \d+ column \d+\))?$/, '')
      .slice(0, 160);
    const where = offset < 0 ? '' : ` at line ${line}, column ${column}`;
    throw new AttuneError(
      'invalid-input',
      `The import file is not valid JSON${where} (${detail}), so nothing was imported.`,
    );
  }
}

/** The 1-based line and column (in UTF-16 code units, as editors mostly count) of `offset`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}
