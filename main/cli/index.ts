import { processIo } from './CliIo';
import { runCli } from './runCli';

// Output piped into a reader that stops early (`attune verify DIR | head`): the rest is not
// wanted, which is no error of Attune's. End quietly, as Unix tools do, instead of a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

runCli(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
