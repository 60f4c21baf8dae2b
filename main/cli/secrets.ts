import { readFile } from 'node:fs/promises';
import { passphraseProblem } from '../../shared/domain/passphraseRule';
import { AttuneError } from '../../shared/errors';
import type { CliIo } from './CliIo';

/**
 * Where a passphrase comes from, in order: `--passphrase-file F` (first line), the
 * ATTUNE_PASSPHRASE environment variable, or an interactive prompt that does not echo.
 */
export async function readPassphrase(
  io: CliIo,
  options: { passphraseFile?: string },
  prompt = 'Passphrase: ',
): Promise<string> {
  if (options.passphraseFile) return firstLineOf(options.passphraseFile, 'passphrase file');
  const fromEnv = io.env.ATTUNE_PASSPHRASE;
  if (fromEnv) return fromEnv;
  return io.promptSecret(prompt);
}

/** The first line of a secret file, without its line ending. Empty files are refused. */
export async function firstLineOf(path: string, what: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new AttuneError('invalid-input', `Cannot read the ${what} ${path}.`);
  }
  const text = secretFileText(bytes);
  if (text === null) {
    throw new AttuneError(
      'invalid-input',
      `The ${what} ${path} is not UTF-8 text: save it as UTF-8 (or UTF-16) and try again.`,
    );
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (!line) throw new AttuneError('invalid-input', `The ${what} ${path} is empty.`);
  return line;
}

/**
 * A secret file's text as its editor meant it: Windows editors save UTF-16 with a byte-order mark
 * (PowerShell's `>`) or UTF-8 with one (Notepad), and neither mark nor UTF-16's zero bytes are
 * part of what the user typed; read raw, they would make `init` set a passphrase nobody can type.
 * Null for bytes that are not text in any of these (a Latin-1 é, say).
 */
function secretFileText(bytes: Buffer): string | null {
  const decode = (encoding: 'utf-8' | 'utf-16le' | 'utf-16be', from: number): string | null => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from));
    } catch {
      return null;
    }
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode('utf-8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be', 2);
  return decode('utf-8', 0);
}

/**
 * A new passphrase from a file or, interactively, typed twice; refused (exit 2) if the app would
 * refuse it, before any key is derived.
 */
export async function readNewPassphrase(io: CliIo, file?: string): Promise<string> {
  if (file) return checkNewPassphrase(await firstLineOf(file, 'new passphrase file'));
  if (io.env.ATTUNE_NEW_PASSPHRASE) return checkNewPassphrase(io.env.ATTUNE_NEW_PASSPHRASE);
  // Checked before the second prompt, so a short one is not typed twice for nothing.
  const first = checkNewPassphrase(await io.promptSecret('New passphrase: '));
  const second = await io.promptSecret('Repeat the new passphrase: ');
  if (first !== second) throw new AttuneError('invalid-input', 'The two passphrases do not match.');
  return first;
}

/** The passphrase of a vault being created (init, demo): `--passphrase-file`, ATTUNE_PASSPHRASE, or a prompt. */
export async function readPassphraseForNewVault(
  io: CliIo,
  options: { passphraseFile?: string },
): Promise<string> {
  if (options.passphraseFile)
    return checkNewPassphrase(await firstLineOf(options.passphraseFile, 'passphrase file'));
  const fromEnv = io.env.ATTUNE_PASSPHRASE;
  if (fromEnv !== undefined) return checkNewPassphrase(fromEnv);
  return readNewPassphrase(io);
}

/** The app's rule for a new passphrase (shared/domain/passphraseRule), as a usage error. */
function checkNewPassphrase(passphrase: string): string {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new AttuneError('invalid-input', problem);
  return passphrase;
}
