import { resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { AttuneError } from '../../shared/errors';
import type { CliIo } from './CliIo';
import { registerDataCommands } from './commands/dataCommands';
import { registerReportCommand } from './commands/reportCommand';
import { registerReviewCommand } from './commands/reviewCommand';
import { registerVaultCommands } from './commands/vaultCommands';
import { exitCodeFor, exitCodeHelp, exitCodes } from './exitCodes';

/** Runs the `attune` command line; resolves with the exit code and never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = exitCodes.ok;
  const program = new Command('attune')
    .description(
      "Attune's command line: create, check, back up, recover, export and import encrypted vaults.",
    )
    .addHelpText('after', exitCodeHelp)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    })
    .showSuggestionAfterError();
  const setCode = (value: number) => {
    code = value;
  };
  registerVaultCommands(program, io, setCode);
  registerDataCommands(program, io, setCode);
  registerReportCommand(program, io, setCode);
  registerReviewCommand(program, io);

  try {
    // `bench-sync` cannot be defined without loading format 2's whole benchmark, so it is defined
    // only when it may be asked for: by name, or by help, no command, or an unknown one (whose
    // suggestions list every command). `verify` and the other commands start without it.
    if (!program.commands.some((command) => command.name() === argv[0])) {
      const { registerBenchSyncCommand } = await import('./commands/benchSyncCommand');
      registerBenchSyncCommand(program, io);
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; they end with code 0.
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    if (error instanceof AttuneError) {
      // The app's words for a folder that is not a vault name no folder (the user just chose it);
      // here the folder was typed, perhaps mistyped: say which one was looked at.
      const looked = error.kind === 'not-a-vault' ? folderOperand(program) : undefined;
      io.err(`attune: ${error.message}${looked ? ` (looked in ${resolve(looked)})` : ''}`);
      return exitCodeFor(error.kind);
    }
    io.err(`attune: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodes.usage;
  }
}

/** The folder a command was given (its first operand, `<dir>` in every vault command), if any. */
function folderOperand(program: Command): string | undefined {
  const ran = program.commands.find((command) => command.args.length > 0);
  return ran?.args[0];
}
