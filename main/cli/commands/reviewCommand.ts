import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { isoDateSchema } from '../../../shared/domain/fields';
import { AttuneError } from '../../../shared/errors';
import { PACKET_EXTENSION } from '../../../shared/review/reviewFiles';
import { daysWrittenIn, todays } from '../../services/review/realDates';
import type { CliIo } from '../CliIo';
import { checkNotReplacing, forceHelp, isInsideFolder } from '../cliPaths';
import { firstLineOf, readPassphrase } from '../secrets';
import { openCliVault } from '../withVault';

interface ReviewPacketFlags {
  client: string;
  from?: string;
  to?: string;
  out: string;
  force?: boolean;
  alias?: string;
  names?: string;
  includeProcessNotes?: boolean;
  includeDiagnoses?: boolean;
  dateShift: boolean;
  passphraseFile?: string;
  packetPassphraseFile?: string;
}

/** `attune review-packet`: a de-identified, encrypted case packet for supervision, for scripted use. */
export function registerReviewCommand(program: Command, io: CliIo): void {
  program
    .command('review-packet')
    .description(
      'write a de-identified, encrypted case packet (.attune-review) for a supervisor to open in Attune',
    )
    .argument('<dir>', 'the vault folder')
    .requiredOption('--client <code>', 'the client whose case goes in the packet')
    .requiredOption(
      '--out <file>',
      `the packet file to write, ending in ${PACKET_EXTENSION} (outside the vault folder; with shifted dates, no real date in its name)`,
    )
    .option('--force', forceHelp)
    .option(
      '--from <date>',
      'first day included, yyyy-mm-dd (by the session’s date on this computer’s calendar)',
    )
    .option('--to <date>', 'last day included, yyyy-mm-dd')
    .option(
      '--names <list>',
      'other names to remove from the text, comma-separated, e.g. "Mara,Dr. Lindqvist"',
    )
    .option(
      '--alias <alias>',
      'the alias the client appears under (default: the one used before, else Client A, B, …)',
    )
    .option('--include-process-notes', 'include psychotherapy (process) notes, which are left out by default')
    .option(
      '--include-diagnoses',
      'include the client’s diagnosis codes, which are left out by default (and taken out of the text)',
    )
    .option(
      '--no-date-shift',
      'keep the real dates (by default all dates move by the same random 30–180 days)',
    )
    .option(
      '--packet-passphrase-file <file>',
      'read the packet passphrase from the first line of FILE (else ATTUNE_PACKET_PASSPHRASE, else a prompt)',
    )
    .option(
      '--passphrase-file <file>',
      'read the vault passphrase from the first line of FILE (else ATTUNE_PASSPHRASE, else a prompt)',
    )
    .action(async (dir: string, flags: ReviewPacketFlags) => {
      // Loaded when the command runs, so other commands do not pay for the review services.
      const [{ buildPacket }, { clientByCode }, packets] = await Promise.all([
        import('../../services/review/buildPacket'),
        import('../../services/review/clinicalRecords'),
        import('../../services/review/exportPacket'),
      ]);
      // Everything that can be checked without a passphrase is checked first.
      for (const [flag, value] of [
        ['--from', flags.from],
        ['--to', flags.to],
      ] as const) {
        if (value !== undefined && !isoDateSchema.safeParse(value).success) {
          throw new AttuneError('invalid-input', `${flag} must be a real date written yyyy-mm-dd.`);
        }
      }
      const vaultDir = resolve(dir);
      const out = resolve(flags.out);
      const force = flags.force === true;
      await checkPacketPath(out, vaultDir, force);
      if (flags.dateShift) checkNameHidesDates(out, [flags.from, flags.to]);
      const extraNames = (flags.names ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '');

      const passphrase = await readPassphrase(io, flags);
      const packetPassphrase = await readPacketPassphrase(
        io,
        flags.packetPassphraseFile,
        packets.MIN_PACKET_PASSPHRASE,
      );
      if (packetPassphrase === passphrase) {
        throw new AttuneError(
          'invalid-input',
          'Choose a packet passphrase different from the vault passphrase: you will share it.',
        );
      }
      const vault = await openCliVault(io, vaultDir, { passphrase });
      try {
        const client = await clientByCode(vault, flags.client);
        const built = await buildPacket(vault, {
          clientId: client.id,
          from: flags.from,
          to: flags.to,
          include: {
            metrics: true,
            charts: true,
            notes: true,
            ruptures: true,
            processNotes: flags.includeProcessNotes === true,
            diagnoses: flags.includeDiagnoses === true,
          },
          extraNames,
          shiftDates: flags.dateShift,
          alias: flags.alias,
        });
        // Again: the passphrase prompts and the packet's building take time, in which the file may
        // appear. (The packet's key is derived in exportPacket, after this: a file appearing then is
        // still replaced; the window is that derivation and the write.)
        await checkNotReplacing(out, force);
        const done = await packets.exportPacket(vault, built, packetPassphrase, out);
        io.out(
          `Wrote a review packet for “${done.alias}”: ${done.sessions} session${done.sessions === 1 ? '' : 's'}, ` +
            `${built.content.processNotes ? 'with process notes' : 'no process notes'}, ` +
            `${built.content.diagnoses ? 'with diagnoses' : 'no diagnoses'}, ` +
            `${built.content.dateShiftApplied ? 'dates shifted' : 'real dates'}. Written to ${out}.`,
        );
        io.err(
          'Give the packet passphrase to the reviewer separately from the file (not in the same email).',
        );
      } finally {
        await vault.lock();
      }
    });
}

/** A new packet passphrase: from a file, ATTUNE_PACKET_PASSPHRASE, or typed twice. */
async function readPacketPassphrase(io: CliIo, file: string | undefined, minLength: number): Promise<string> {
  let passphrase: string;
  if (file) passphrase = await firstLineOf(file, 'packet passphrase file');
  else if (io.env.ATTUNE_PACKET_PASSPHRASE) passphrase = io.env.ATTUNE_PACKET_PASSPHRASE;
  else {
    passphrase = await io.promptSecret('Packet passphrase (to share with the reviewer): ');
    if ((await io.promptSecret('Repeat the packet passphrase: ')) !== passphrase) {
      throw new AttuneError('invalid-input', 'The two packet passphrases do not match.');
    }
  }
  if (passphrase.length < minLength) {
    throw new AttuneError('invalid-input', `Use a packet passphrase of at least ${minLength} characters.`);
  }
  return passphrase;
}

/**
 * With shifted dates, the file name must not hold a real date: today's (the day the packet is
 * made, which the packet shows shifted) or a day of the chosen range. Either, next to the
 * shifted dates inside, gives the offset away.
 */
function checkNameHidesDates(out: string, rangeDays: Array<string | undefined>): void {
  const name = basename(out);
  const days = [...todays(new Date()), ...rangeDays.filter((d): d is string => d !== undefined)];
  if (daysWrittenIn(name, days).length > 0) {
    throw new AttuneError(
      'invalid-input',
      `The file name ${name} holds a real date, which would let the reviewer work out the date shift. ` +
        'Name the file without the date, or add --no-date-shift to keep the real dates.',
    );
  }
}

/** The packet goes outside the vault folder, into a folder that exists, under the packet extension. */
async function checkPacketPath(out: string, vaultDir: string, force: boolean): Promise<void> {
  if (!out.toLowerCase().endsWith(PACKET_EXTENSION)) {
    throw new AttuneError(
      'invalid-input',
      `Name the packet file with the ${PACKET_EXTENSION} extension, so Attune can open it.`,
    );
  }
  if (await isInsideFolder(out, vaultDir)) {
    throw new AttuneError('invalid-input', 'Choose an output file outside the vault folder.');
  }
  const folder = await stat(dirname(out)).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new AttuneError('invalid-input', `Cannot write ${out}: the folder ${dirname(out)} does not exist.`);
  }
  await checkNotReplacing(out, force);
}
