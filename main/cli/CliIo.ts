import { stdin, stderr } from 'node:process';
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
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  promptSecret,
};

/** Reads one line from the terminal without echoing it. */
function promptSecret(prompt: string): Promise<string> {
  if (!stdin.isTTY) {
    return Promise.reject(
      new AttuneError('invalid-input', 'No passphrase given: use --passphrase-file, ATTUNE_PASSPHRASE, or run in a terminal.'),
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
