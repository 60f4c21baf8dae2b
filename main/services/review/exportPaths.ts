/** Where the app writes review files until the Electron glue offers a save dialog. */
import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { aliasFileStem } from '../../../shared/review/reviewFiles';

/**
 * A new file path in `dir` (created 0700 if missing): `<alias>[-<label>]-<day><ext>`, with -2,
 * -3… added rather than replacing an earlier file. `day` (yyyy-mm-dd) is the date the file's
 * content shows: for a packet with shifted dates, its shifted "made" date, never the real one.
 */
export async function freshExportPath(
  dir: string,
  alias: string,
  extension: string,
  day: string,
  label?: string,
): Promise<string> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`freshExportPath: ${day} is not yyyy-mm-dd`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') await chmod(dir, 0o700);
  } catch {
    throw new AttuneError('io', `Cannot create the folder ${dir} for review files; check it is writable.`);
  }
  const base = [aliasFileStem(alias), label, day].filter(Boolean).join('-');
  for (let n = 1; n < 10_000; n++) {
    const path = join(dir, `${base}${n === 1 ? '' : `-${n}`}${extension}`);
    if (!(await stat(path).catch(() => null))) return path;
  }
  throw new AttuneError('io', `The folder ${dir} holds too many review files; move some away.`);
}
