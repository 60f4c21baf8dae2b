import { writeSync } from 'node:fs';
import { stderr, stdin } from 'node:process';
import { createInterface } from 'node:readline';
import { AttuneError } from '../../shared/errors';

/** What a command may touch of the outside world; tests pass their own to capture output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  promptSecret(prompt: string): Promise<string>;
}

export const processIo: CliIo = {
  out: (text) => writeAllOut(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  promptSecret,
};

/**
 * Writes every byte of `text` to standard output (file descriptor `fd`), or throws. Node's
 * process.stdout, writing to a file, drops the rest of a write the disk took only part of (a
 * short write) without a word: `attune export DIR > file` on a full disk ended with 0, "Exported
 * …" and a JSON file cut at the disk's end. A write that fails outright (/dev/full) was a stack
 * trace and exit code 1, which says "integrity problem".
 */
export function writeAllOut(text: string, fd = 1): void {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) {
    let wrote: number;
    try {
      wrote = writeSync(fd, bytes, done, bytes.length - done);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A pipe whose reader is slower than us, opened non-blocking by whoever started us.
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      // The reader stopped early (`attune verify DIR | head`): as index.ts does, end quietly.
      if (code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw outputFailure(code);
    }
    // A write that takes nothing and says nothing would loop for ever: the disk is full.
    if (wrote === 0) throw outputFailure('ENOSPC');
    done += wrote;
  }
}

function outputFailure(code: string | undefined): AttuneError {
  const full = code === 'ENOSPC' || code === 'EDQUOT';
  return new AttuneError(
    'io',
    full
      ? 'The disk is full: the output could not all be written, so what was written is incomplete. Free some space and run the command again.'
      : `The output could not be written (${code ?? 'unknown error'}), so what was written is incomplete. Run the command again, or write to a file with --out where the command has it.`,
  );
}

/** Reads one line from the terminal without echoing it. */
function promptSecret(prompt: string): Promise<string> {
  if (!stdin.isTTY) {
    return Promise.reject(
      new AttuneError(
        'invalid-input',
        'No passphrase given: use --passphrase-file, ATTUNE_PASSPHRASE, or run in a terminal.',
      ),
    );
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: stdin, output: stderr, terminal: true });
    // Mute readline's echo of what is typed, keeping the prompt itself.
    const writable = rl as unknown as { _writeToOutput: (s: string) => void };
    stderr.write(prompt);
    writable._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      stderr.write('\n');
      resolve(answer);
    });
  });
}
