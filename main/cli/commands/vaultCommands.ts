import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AttuneError } from '../../../shared/errors';
import type { CliIo } from '../CliIo';
import { exitCodes } from '../exitCodes';
import { firstLineOf, readNewPassphrase, readPassphrase, readPassphraseForNewVault } from '../secrets';
import {
  checkingComputer,
  createFilledCliVault,
  openCliVault,
  type VaultOptions,
  withVault,
} from '../withVault';

const passphraseFileHelp =
  'read the passphrase from the first line of FILE (else ATTUNE_PASSPHRASE, else a prompt)';

/**
 * init, verify, passwd, recover, backup, upgrade: the commands that manage a vault as a whole. Each action
 * imports what it needs when it runs, so `verify` does not load the whole vault and its services.
 */
export function registerVaultCommands(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('init')
    .description('create a new vault in DIR and print its recovery key once')
    .argument('<dir>', 'an empty or missing folder')
    .option('--passphrase-file <file>', passphraseFileHelp)
    .action(async (dir: string, options: VaultOptions) => {
      const passphrase = await readPassphraseForNewVault(io, options);
      const recoveryKey = await createFilledCliVault(io, dir, passphrase);
      io.out(`Created a vault in ${resolve(dir)}.`);
      io.out('Recovery key (shown once; store it somewhere safe, away from this computer):');
      io.out(`  ${recoveryKey}`);
    });

  program
    .command('verify')
    .description('check every file, the manifest and the audit chain; list any problems')
    .argument('<dir>', 'the vault folder')
    .option('--passphrase-file <file>', passphraseFileHelp)
    .action(async (dir: string, options: VaultOptions) => {
      // Read-only: no unlock/lock audit entries and no checkpoint, so checking writes nothing
      // and a damaged manifest or journal is listed as a problem instead of refusing to open.
      const passphrase = await readPassphrase(io, options);
      const { verifyVault } = await import('../../vault/verifyVault');
      const thisComputer = await checkingComputer(io, resolve(dir));
      const report = await verifyVault(resolve(dir), { passphrase }, thisComputer ? { thisComputer } : {});
      for (const problem of report.problems) io.out(`PROBLEM ${problem.file}: ${problem.problem}`);
      io.out(
        `${report.ok ? 'OK' : 'PROBLEMS FOUND'}: ${report.records} records, ${report.auditEntries} audit entries, ${report.problems.length} problems.`,
      );
      setCode(report.ok ? exitCodes.ok : exitCodes.integrity);
    });

  program
    .command('passwd')
    .description('change the passphrase (re-wraps the vault key; notes are not re-encrypted)')
    .argument('<dir>', 'the vault folder')
    .option('--passphrase-file <file>', passphraseFileHelp)
    .option('--new-passphrase-file <file>', 'read the new passphrase from the first line of FILE')
    .action(async (dir: string, options: VaultOptions & { newPassphraseFile?: string }) => {
      const next = await readNewPassphrase(io, options.newPassphraseFile);
      await withVault(io, dir, options, (vault) => vault.changePassphrase(next), {
        refuse: 'The passphrase was not changed',
      });
      io.out('Passphrase changed. The recovery key is unchanged.');
    });

  program
    .command('recover')
    .description('open the vault with its recovery key, set a new passphrase, and print a new recovery key')
    .argument('<dir>', 'the vault folder')
    .requiredOption('--recovery-key-file <file>', 'read the recovery key from the first line of FILE')
    .option('--new-passphrase-file <file>', 'read the new passphrase from the first line of FILE')
    .action(async (dir: string, options: { recoveryKeyFile: string; newPassphraseFile?: string }) => {
      const recoveryKey = await firstLineOf(options.recoveryKeyFile, 'recovery key file');
      const next = await readNewPassphrase(io, options.newPassphraseFile);
      const { resetSecrets } = await import('../../services/resetSecrets');
      const vault = await openCliVault(io, dir, { recoveryKey });
      let renewed: string;
      try {
        // As in the app: the key just used may have been seen where it was kept, so it is replaced.
        renewed = await resetSecrets(vault, next);
      } finally {
        await vault.lock();
      }
      io.out('Recovered: the vault now opens with the new passphrase.');
      io.out('Your NEW recovery key (the old one no longer works). Store it safely; it is shown only once:');
      io.out(`  ${renewed}`);
    });

  program
    .command('upgrade')
    .description(
      'upgrade a vault made by an older Attune (format 1) to the format that can be shared by several computers (format 2); a verified copy of the old folder is kept beside it',
    )
    .argument('<dir>', 'the vault folder')
    .option('--passphrase-file <file>', passphraseFileHelp)
    .action(async (dir: string, options: VaultOptions) => {
      const passphrase = await readPassphrase(io, options);
      const [{ upgradeFormat1IfNeeded }, { ThisDevice }, { DeviceConfigStore }, { cliDataDir }] =
        await Promise.all([
          import('../../services/upgrade/upgradeFormat1IfNeeded'),
          import('../../services/device/ThisDevice'),
          import('../../services/device/DeviceConfigStore'),
          import('../cliDataDir'),
        ]);
      // As this computer, the one the app is: its log in the upgraded vault is the app's own.
      const device = await new ThisDevice(new DeviceConfigStore(cliDataDir(io.env))).identity();
      let shown = -1;
      const outcome = await upgradeFormat1IfNeeded(resolve(dir), { passphrase }, device, (done, total) => {
        // A line per tenth: enough to see it move, few enough for a log file.
        const tenth = total > 0 ? Math.floor((done * 10) / total) : 10;
        if (tenth === shown) return;
        shown = tenth;
        io.err(`Upgrading: ${done} of ${total} records written.`);
      });
      if (outcome.upgraded) {
        io.out(
          `Upgraded ${resolve(dir)} to the new format (format 2): ${outcome.records} records carried over and checked.`,
        );
        io.out(`A copy of the vault as it was is kept at ${outcome.keptCopy}.`);
        io.out(
          'Older versions of Attune can still open that copy; remove it once you have checked your notes.',
        );
      } else if (outcome.reason === 'format-2') {
        io.out(`${resolve(dir)} is already in the new format (format 2); nothing was changed.`);
      } else {
        throw new AttuneError(
          'not-found',
          `There is no Attune vault in ${resolve(dir)}; nothing was changed.`,
        );
      }
    });

  program
    .command('backup')
    .description(
      'write a checked copy of the vault into DEST; it opens with the same passphrase (format 2: a backup generation, as the app writes)',
    )
    .argument('<dir>', 'the vault folder')
    .argument('<dest>', 'format 1: a missing or empty folder for the copy; format 2: a backup folder')
    .option('--passphrase-file <file>', passphraseFileHelp)
    .action(async (dir: string, dest: string, options: VaultOptions) => {
      const { Vault } = await import('../../vault/Vault');
      let written = resolve(dest);
      await withVault(io, dir, options, async (vault) => {
        if (vault instanceof Vault) {
          await vault.backup(written);
          return;
        }
        // A vault shared by several computers is backed up as the app does (Settings → Backups):
        // a generation under DEST/Attune backups/<vault id>/, checked after writing.
        // DEST itself may be new; its parent must exist (an unplugged drive is not made up anew).
        await mkdir(written).catch(() => undefined);
        written = (await vault.backupTo(written)).path;
      });
      io.out(`Backed up to ${written}. Keep it on another disk; it opens with the same passphrase.`);
    });
}
