import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { countsText } from '../../../shared/countsText';
import { AttuneError } from '../../../shared/errors';
import { plural } from '../../../shared/plural';
import type { CliIo } from '../CliIo';
import { checkNotReplacing, forceHelp, isInsideFolder } from '../cliPaths';
import { readPassphraseForNewVault } from '../secrets';
import { createFilledCliVault, type VaultOptions, withVault } from '../withVault';
import { registerBenchCommand } from './benchCommand';

/**
 * The demo generator's limits (DEMO_LIMITS in services/demo/generateDemo), for the help text only:
 * importing them would load the whole generator at every start. The generator enforces its own;
 * tests/unit/cli/lazyCommands.test.ts fails if these drift from it.
 */
export const DEMO_HELP_LIMITS = { clients: 10_000, sessionsPerClient: 1_000 } as const;
/**
 * Sessions in all (clients × sessions per client), each with a note: the demo is generated in
 * memory, and 100,000 took 31 s and 1.5 GB; the largest the two limits allow, ten million, ran
 * out of memory after two minutes.
 */
const DEMO_MAX_SESSIONS = 100_000;

const passphraseFileHelp =
  'read the passphrase from the first line of FILE (else ATTUNE_PASSPHRASE, else a prompt)';

interface ExportOptions extends VaultOptions {
  format: string;
  out?: string;
  force?: boolean;
  includeProcessNotes?: boolean;
}

interface DemoOptions {
  clients: string;
  sessions: string;
  seed: string;
  end?: string;
  passphraseFile?: string;
}

/**
 * export, import, demo and bench: the commands that move data in and out of a vault. Actions
 * import their services when they run, so starting the CLI (and `verify`) stays cheap.
 */
export function registerDataCommands(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('export')
    .description('write the vault as a JSON interchange file (process notes only when asked)')
    .argument('<dir>', 'the vault folder')
    .option('--format <format>', 'the file format; only json is supported', 'json')
    .option('--out <file>', 'write to FILE (atomically, readable by you only) instead of standard output')
    .option('--force', forceHelp)
    .option('--include-process-notes', 'include psychotherapy (process) notes, which are left out by default')
    .option('--passphrase-file <file>', passphraseFileHelp)
    .action(async (dir: string, options: ExportOptions) => {
      if (options.format !== 'json') {
        throw new AttuneError(
          'invalid-input',
          `Unknown export format “${options.format}”: only json is supported.`,
        );
      }
      const out = options.out === undefined ? undefined : resolve(options.out);
      const force = options.force === true;
      if (out) await checkOutPath(out, resolve(dir), force);
      const [{ exportVault }, { writeExport }] = await Promise.all([
        import('../../services/exchange/exportVault'),
        import('../writeExport'),
      ]);
      const file = await withVault(
        io,
        dir,
        options,
        (vault) => exportVault(vault, { includeProcessNotes: options.includeProcessNotes === true }),
        { warn: setCode },
      );
      await writeExport(io, file, out, force);
    });

  program
    .command('import')
    .description('add the records of a JSON interchange file to the vault; an invalid file changes nothing')
    .argument('<dir>', 'the vault folder')
    .argument('<file>', 'a file written by `attune export`')
    .option('--passphrase-file <file>', passphraseFileHelp)
    .action(async (dir: string, file: string, options: VaultOptions) => {
      const [{ readImportFile }, { importIntoVault }] = await Promise.all([
        import('../../services/exchange/readImportFile'),
        import('../../services/exchange/importIntoVault'),
      ]);
      const data = await readImportFile(resolve(file));
      const result = await withVault(io, dir, options, (vault) => importIntoVault(vault, data), {
        refuse: 'Nothing was imported',
      });
      io.out(`Imported ${countsText(result)}; settings: ${result.settings}.`);
      // Imported anyway (see noteGoalNotices); told so the user can check those notes' goals.
      for (const notice of result.notices.slice(0, 5)) io.err(`Note: ${notice.path}: ${notice.message}`);
      if (result.notices.length > 5) io.err(`Note: and ${result.notices.length - 5} more like these.`);
    });

  program
    .command('demo')
    .description('create a new vault in DIR filled with realistic synthetic data about no real person')
    .argument('<dir>', 'an empty or missing folder')
    .option('--clients <n>', `number of clients (1–${DEMO_HELP_LIMITS.clients})`, '12')
    .option(
      '--sessions <m>',
      `weekly sessions per client, each with a note (1–${DEMO_HELP_LIMITS.sessionsPerClient}; at most ${DEMO_MAX_SESSIONS.toLocaleString('en-US')} in all)`,
      '20',
    )
    .option('--seed <s>', 'the same seed always gives the same data', '1')
    .option('--end <date>', 'the day of the latest session, yyyy-mm-dd (default: today)')
    .option('--passphrase-file <file>', passphraseFileHelp)
    .action(async (dir: string, options: DemoOptions) => {
      const clients = wholeNumber(options.clients, '--clients');
      const sessionsPerClient = wholeNumber(options.sessions, '--sessions');
      if (clients * sessionsPerClient > DEMO_MAX_SESSIONS) {
        throw new AttuneError(
          'invalid-input',
          `--clients ${clients} × --sessions ${sessionsPerClient} is ${(clients * sessionsPerClient).toLocaleString('en-US')} sessions; ` +
            `the demo makes at most ${DEMO_MAX_SESSIONS.toLocaleString('en-US')} in all. Choose fewer clients or sessions.`,
        );
      }
      const [{ generateDemo, DEMO_CLINICIAN }, { seedFrom }, { writeDemo }, { demoPlans }] =
        await Promise.all([
          import('../../services/demo/generateDemo'),
          import('../../services/demo/random'),
          import('../../services/demo/writeDemo'),
          import('../../services/demo/demoPlans'),
        ]);
      const big = clients * sessionsPerClient >= 2000;
      const step = Math.max(1, Math.ceil(clients / 10));
      const data = generateDemo({
        clients,
        sessionsPerClient,
        seed: seedFrom(/^\d+$/.test(options.seed) ? Number(options.seed) : options.seed),
        // Today by default, so the app's recent ranges ("Last 3 months") show the demo's sessions.
        endDate: options.end ?? localToday(),
        onProgress: (done) => {
          if (big && (done % step === 0 || done === clients))
            io.err(`Generating: ${done}/${clients} clients`);
        },
      });
      const treatmentPlans = demoPlans(data.clients, data.sessions, DEMO_CLINICIAN);
      const passphrase = await readPassphraseForNewVault(io, options);
      const recoveryKey = await createFilledCliVault(io, dir, passphrase, async (vault) => {
        let reported = 0;
        await writeDemo(vault, data, {
          batchSize: 2000,
          onProgress: (written, total) => {
            if (big && (written - reported >= total / 10 || written === total)) {
              reported = written;
              io.err(`Writing: ${written}/${total} records`);
            }
          },
        });
        // Treatment and safety plans (issue 15), written apart so the generator's data stays as tests know it.
        const plans = [
          ...treatmentPlans.map((value) => ({ kind: 'treatment-plan', id: value.id, value })),
          ...data.safetyPlans.map((value) => ({ kind: 'safety-plan', id: value.id, value })),
        ];
        if (plans.length > 0) {
          await vault.putMany(plans, {
            type: 'import',
            detail: { format: 'demo', part: 'treatment and safety plans' },
          });
        }
      });
      const signed = data.notes.filter((n) => n.status === 'signed').length;
      io.out(
        `Created a demo vault in ${resolve(dir)}: ${plural(data.clients.length, 'client')}, ${plural(data.sessions.length, 'session')}, ` +
          `${plural(data.notes.length, 'note')} (${signed} signed), ${plural(data.processNotes.length, 'process note')}, ` +
          `${plural(treatmentPlans.length, 'treatment plan version')}, ${plural(data.safetyPlans.length, 'safety plan')}.`,
      );
      io.out('Recovery key (shown once; store it somewhere safe, away from this computer):');
      io.out(`  ${recoveryKey}`);
    });

  registerBenchCommand(program, io, setCode);
}

/** Today's date where the user is, as yyyy-mm-dd. */
function localToday(): string {
  const now = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

function wholeNumber(text: string, flag: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new AttuneError('invalid-input', `${flag} must be a whole number.`);
  return Number(text);
}

/** The export goes next to the vault, never into it: it is not encrypted. */
async function checkOutPath(out: string, vaultDir: string, force: boolean): Promise<void> {
  if (await isInsideFolder(out, vaultDir)) {
    throw new AttuneError(
      'invalid-input',
      'Choose an output file outside the vault folder: an export is not encrypted.',
    );
  }
  const folder = await stat(dirname(out)).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new AttuneError('invalid-input', `Cannot write ${out}: the folder ${dirname(out)} does not exist.`);
  }
  await checkNotReplacing(out, force);
}
