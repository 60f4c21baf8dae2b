import { countsText } from '../../shared/countsText';
import {
  countsOf,
  type ExportFile,
  exportMegabytes,
  MAX_IMPORT_BYTES,
} from '../services/exchange/exportFileSchema';
import { eachExportLine } from '../services/exchange/exportLines';
import { writeNewFile } from '../services/records/recordFiles';
import type { CliIo } from './CliIo';
import { checkNotReplacing } from './cliPaths';

/**
 * Writes `file` to `out` or to standard output a line at a time (a large export is never whole in
 * memory), says what it held, and warns when it is too large to import. A file is written as the
 * app writes one (`writeNewFile`: readable by the user only, never half written, never over a file
 * that appeared meanwhile), but with `force` it replaces the file there.
 */
export async function writeExport(
  io: CliIo,
  file: ExportFile,
  out: string | undefined,
  force: boolean,
): Promise<void> {
  const counts = countsOf(file);
  const summary =
    `Exported ${countsText(counts)}` +
    (file.processNotes ? '.' : '; process notes are left out unless --include-process-notes is given.');
  let size = 0;
  if (out) {
    // Again: the passphrase prompt and the export take time, in which the file may appear.
    await checkNotReplacing(out, force);
    size = await writeNewFile(out, eachExportLine(file), { replace: force });
    io.out(`${summary} Written to ${out}.`);
  } else {
    for (const line of eachExportLine(file)) {
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
