import { readFile } from 'node:fs/promises';
import { AttuneError } from '../../shared/errors';
import type { CliIo } from './CliIo';

/**
 * Where a passphrase comes from, in order: `--passphrase-file F` (first line), the
 * ATTUNE_PASSPHRASE environment variable, or an interactive prompt that does not echo.
 */
export async function readPassphrase(io: CliIo, options: { passphraseFile?: string }, prompt = 'Passphrase: '): Promise<string> {
  if (options.passphraseFile) return firstLineOf(options.passphraseFile, 'passphrase file');
  const fromEnv = io.env.ATTUNE_PASSPHRASE;
  if (fromEnv) return fromEnv;
  return io.promptSecret(prompt);
}

/** The first line of a secret file, without its line ending. Empty files are refused. */
export async function firstLineOf(path: string, what: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new AttuneError('invalid-input', `Cannot read the ${what} ${path}.`);
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (!line) throw new AttuneError('invalid-input', `The ${what} ${path} is empty.`);
  return line;
}

/** A new passphrase from a file or, interactively, typed twice. */
export async function readNewPassphrase(io: CliIo, file?: string): Promise<string> {
  if (file) return firstLineOf(file, 'new passphrase file');
  if (io.env.ATTUNE_NEW_PASSPHRASE) return io.env.ATTUNE_NEW_PASSPHRASE;
  const first = await io.promptSecret('New passphrase: ');
  const second = await io.promptSecret('Repeat the new passphrase: ');
  if (first !== second) throw new AttuneError('invalid-input', 'The two passphrases do not match.');
  return first;
}
