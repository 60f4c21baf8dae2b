import type { Command } from 'commander';
import type { CliIo } from '../CliIo';
import { type VaultOptions, withVault } from '../withVault';

const passphraseFileHelp =
  'read the passphrase from the first line of FILE (else ATTUNE_PASSPHRASE, else a prompt)';

interface ReportFlags extends VaultOptions {
  client?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

/** `attune report`: the charts' metrics for one client or the caseload, from the same analytics code. */
export function registerReportCommand(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('report')
    .description(
      'rupture, repair and attunement metrics for one client or the whole caseload (no names, no note text)',
    )
    .argument('<dir>', 'the vault folder')
    .option('--client <code>', 'report on the client with this code (default: the whole caseload)')
    .option(
      '--from <date>',
      'first day included, yyyy-mm-dd (by the session’s date on this computer’s calendar)',
    )
    .option('--to <date>', 'last day included, yyyy-mm-dd')
    .option('--json', 'print the full metrics as JSON instead of a short summary')
    .option('--passphrase-file <file>', passphraseFileHelp)
    .action(async (dir: string, flags: ReportFlags) => {
      // Loaded when the command runs, so other commands do not pay for the analytics code.
      const [{ buildReport, checkReportRange }, { formatReport }] = await Promise.all([
        import('../../services/report/buildReport'),
        import('../../services/report/formatReport'),
      ]);
      // Bad dates are refused before the passphrase is asked for.
      checkReportRange(flags);
      const report = await withVault(
        io,
        dir,
        flags,
        (vault) => buildReport(vault, { clientCode: flags.client, from: flags.from, to: flags.to }),
        { warn: setCode },
      );
      if (flags.json) {
        io.out(JSON.stringify(report, null, 2));
        io.err('The report holds no names or note text, but it is clinical data: keep it somewhere safe.');
      } else {
        for (const line of formatReport(report)) io.out(line);
      }
    });
}
