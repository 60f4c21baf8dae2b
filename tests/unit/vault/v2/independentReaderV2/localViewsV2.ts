/**
 * FORMAT.md §17, "This computer's local views", read from its text alone: the sealed copies a
 * computer keeps in <data folder>/local-index/, as rows (note-facts, note-summaries) or as the
 * search's note-scan.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ascii, hkdf32, openSealed } from './bytes';

export interface LocalRows {
  ids: string[];
  versions: string[];
  values: unknown[];
}

export interface LocalScan {
  /** Per note: its id, version, updatedAt and its words. */
  notes: Array<{ id: string; version: string; updatedAt: string; words: string[] }>;
}

/** The plaintext of view `view` under `schema`, or null when the file is missing or does not open. */
export async function openLocalView(
  dataDir: string,
  vk: Buffer,
  vaultId: Buffer,
  view: string,
  schema: number,
): Promise<Buffer | null> {
  const path = join(dataDir, 'local-index', `${vaultId.toString('hex')}-${view}.bin`);
  const file = await readFile(path).catch(() => null);
  if (!file || file.length < 5 || file.subarray(0, 4).toString('latin1') !== 'ATLV' || file[4] !== 1)
    return null;
  const kLocal = hkdf32(vk, vaultId, 'attune/v2/key/local-cache');
  const ad = Buffer.concat([ascii(`attune/v2/local/view/${view}/${schema}`), vaultId]);
  return openSealed(kLocal, file.subarray(5), ad);
}

/** A view kept as rows: JSON {"ids", "versions", "values"} of equal lengths. */
export function parseRows(plain: Buffer): LocalRows {
  const rows = JSON.parse(plain.toString('utf8')) as LocalRows;
  if (rows.ids.length !== rows.versions.length || rows.ids.length !== rows.values.length)
    throw new Error('columns of unequal length');
  return rows;
}

/**
 * note-scan: u32le header length, JSON header, then the body: per note, a count, then that many
 * word numbers ascending, the first as it is and each next as its difference from the one
 * before, every number an unsigned LEB128 varint.
 */
export function parseScan(plain: Buffer): LocalScan {
  const headerLength = plain.readUInt32LE(0);
  const header = JSON.parse(plain.toString('utf8', 4, 4 + headerLength)) as {
    ids: string[];
    versions: string[];
    updatedAt: string[];
    words: string[];
  };
  const n = header.ids.length;
  if (header.versions.length !== n || header.updatedAt.length !== n) throw new Error('columns of unequal length');
  let at = 4 + headerLength;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (at >= plain.length) throw new Error('body ends early');
      const byte = plain[at++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  const notes: LocalScan['notes'] = [];
  for (let i = 0; i < n; i++) {
    const count = varint();
    const words: string[] = [];
    let number = 0;
    for (let k = 0; k < count; k++) {
      number = k === 0 ? varint() : number + varint();
      if (number >= header.words.length) throw new Error('word number out of range');
      words.push(header.words[number] as string);
    }
    notes.push({
      id: header.ids[i] as string,
      version: header.versions[i] as string,
      updatedAt: header.updatedAt[i] as string,
      words,
    });
  }
  if (at !== plain.length) throw new Error('bytes after the notes');
  return { notes };
}
