import { plural } from '../../shared/plural';
import { type ExportFile, exportMegabytes, MAX_IMPORT_BYTES } from '../services/exchange/exportFileSchema';
import { exportLines } from '../services/exchange/exportLines';
import { atomicWriteFile } from '../vault/atomicWrite';
import { fileWriteFailure } from '../vault/vaultErrors';
import { nodeVaultFs } from '../vault/vaultFs';
import type { CliIo } from './CliIo';
import { checkNotReplacing } from './cliPaths';

/**
 * Writes `file` to `out` (atomically, readable by the user only) or to standard output, says what
 * it held, and warns when it is too large to import.
 */
export async function writeExport(
  io: CliIo,
  file: ExportFile,
  out: string | undefined,
  force: boolean,
): Promise<void> {
  const lines = exportLines(file);
  const summary =
    `Exported ${plural(file.clients.length, 'client')}, ${plural(file.sessions.length, 'session')}, ${plural(file.notes.length, 'note')}, ` +
    `${file.processNotes ? plural(file.processNotes.length, 'process note') : 'no process notes'}, ` +
    `${plural(file.measures.length, 'measure')}, ` +
    `${plural(file.treatmentPlans.length, 'treatment plan version')}, ${plural(file.diagnoses.length, 'diagnosis', 'diagnoses')}, ` +
    `${plural(file.safetyPlans.length, 'safety plan')}, ${plural(file.templates.length, 'template')}.`;
  let size = 0;
  if (out) {
    // Again: the passphrase prompt and the export take time, in which the file may appear.
    await checkNotReplacing(out, force);
    const bytes = Buffer.concat(lines.map((line) => Buffer.from(`${line}\n`, 'utf8')));
    size = bytes.length;
    await atomicWriteFile(nodeVaultFs, out, bytes, { syncDir: true }).catch((error: unknown) => {
      throw fileWriteFailure(error, out);
    });
    io.out(`${summary} Written to ${out}.`);
  } else {
    for (const line of lines) {
      io.out(line);
      size += Buffer.byteLength(line, 'utf8') + 1;
    }
    io.err(summary);
  }
  // A file import refuses is no way to move the vault: say so while the vault is still there.
  if (size > MAX_IMPORT_BYTES) {
    io.err(
      `This file is ${exportMegabytes(size)} MB, more than \`attune import\` takes (200 MB): it cannot be imported as it stands. ` +
        'To move the vault to another computer, copy it with `attune backup` instead.',
    );
  }
  io.err('The export is not encrypted: keep it somewhere safe and delete it when you no longer need it.');
}
