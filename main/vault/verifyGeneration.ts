import { join } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { AUDIT_FILE, readAuditChain } from './auditLog';
import { sha256Hex } from './binary';
import { inParallel } from './dirs';
import { HEADER_FILE, headerMacValid, parseHeader, type VaultHeader } from './header';
import { JOURNAL_FILE } from './journal';
import type { VaultKeys } from './keys';
import { decodeManifest, MANIFEST_FILE } from './manifest';
import { decryptRecord, RECORDS_DIR } from './recordCodec';
import type { RecordEntry } from './state';
import type { VaultFs } from './vaultFs';
import type { VerifyProblem, VerifyReport } from './vaultTypes';

/** What a backup generation was written to hold. */
export interface GenerationContents {
  /** The vault's records, as the copied manifest lists them. */
  entries: readonly RecordEntry[];
  /** The sidecar's map: path → SHA-256 of the bytes written. */
  files: Readonly<Record<string, string>>;
  /** Record file names copied by this backup (the others were hard-linked). */
  copied: ReadonlySet<string>;
}

/**
 * The check after writing an incremental backup generation; it costs in proportion to what
 * changed rather than to the whole vault. It reads back and checks: the header (authentic, this
 * vault's); the manifest (the bytes written, and it decrypts and authenticates, listing as many
 * records as the vault); the journal (empty); the records folder (exactly the files the manifest
 * names); every record file copied now (SHA-256 against the manifest, and it decrypts); and the
 * audit log (the bytes written, its chain intact up to the manifest's head). Hard-linked record
 * files are not read again: each was linked in this backup from the previous generation's file
 * whose SHA-256, in that generation's sidecar, equals the manifest's, and those bytes were
 * decrypted when first backed up. Damage to such a shared file on the backup drive is found by
 * the next full check (backupSet runs one at least daily) or by restore, which checks everything.
 */
export async function verifyCopiedFiles(
  fs: VaultFs,
  dir: string,
  header: VaultHeader,
  keys: VaultKeys,
  expected: GenerationContents,
): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  const note = (file: string, problem: string) => problems.push({ file, problem });
  const message = (error: unknown) => (error instanceof AttuneError ? error.message : String(error));
  const read = async (file: string): Promise<Buffer | null> => {
    try {
      return await fs.readFile(join(dir, file));
    } catch (error) {
      note(file, `This file could not be read back (${String(error)}).`);
      return null;
    }
  };
  const written = (file: string, bytes: Buffer | null): bytes is Buffer => {
    if (bytes && sha256Hex(bytes) !== expected.files[file]) {
      note(file, 'This file does not hold the bytes that were written (it changed on the backup drive).');
      return false;
    }
    return bytes !== null;
  };

  try {
    const bytes = await read(HEADER_FILE);
    if (bytes) {
      const onDisk = parseHeader(bytes);
      if (!onDisk.vaultId.equals(header.vaultId) || !headerMacValid(keys.headerMac, onDisk)) {
        note(HEADER_FILE, 'The header was altered (its authentication code does not match).');
      }
    }
  } catch (error) {
    note(HEADER_FILE, message(error));
  }

  let auditBytes = 0;
  let auditHead = { seq: 0, hash: '' };
  const manifest = await read(MANIFEST_FILE);
  if (written(MANIFEST_FILE, manifest)) {
    try {
      const snapshot = decodeManifest(keys.manifest, header.vaultId, manifest);
      if (snapshot.records.length !== expected.entries.length) {
        note(MANIFEST_FILE, 'The manifest does not list the records that were backed up.');
      }
      auditBytes = snapshot.auditBytes;
      auditHead = snapshot.audit;
    } catch (error) {
      note(MANIFEST_FILE, message(error));
    }
  }
  const journal = await read(JOURNAL_FILE);
  if (journal && journal.length > 0) note(JOURNAL_FILE, 'The journal of a backup must be empty.');

  let present: Set<string>;
  try {
    present = new Set(await fs.readdir(join(dir, RECORDS_DIR)));
  } catch (error) {
    note(RECORDS_DIR, `The records folder could not be read (${String(error)}).`);
    present = new Set();
  }
  const toRead: RecordEntry[] = [];
  for (const entry of expected.entries) {
    if (!present.delete(entry.file)) {
      note(
        `${RECORDS_DIR}/${entry.file}`,
        `The ${entry.kind} record ${entry.id} is missing from the backup.`,
      );
    } else if (expected.copied.has(entry.file)) toRead.push(entry);
  }
  for (const foreign of present) {
    note(`${RECORDS_DIR}/${foreign}`, 'This file is not part of the backup’s manifest.');
  }
  await inParallel(toRead, 16, async (entry) => {
    const file = `${RECORDS_DIR}/${entry.file}`;
    const bytes = await read(file);
    if (!bytes) return;
    if (
      sha256Hex(bytes) !== entry.hash ||
      decryptRecord(keys.record, header.vaultId, entry, bytes) === null
    ) {
      note(file, `The ${entry.kind} record ${entry.id} is damaged in the backup (it fails authentication).`);
    }
  });

  let auditEntries = 0;
  const audit = await read(AUDIT_FILE);
  if (written(AUDIT_FILE, audit) && auditHead.hash !== '') {
    const chain = readAuditChain(keys.audit, header.vaultId, audit, auditBytes, auditHead, []);
    auditEntries = chain.entries.length;
    for (const problem of chain.problems) {
      note(AUDIT_FILE, `${problem[0]!.toUpperCase()}${problem.slice(1)}.`);
    }
  }
  problems.sort((a, b) => a.file.localeCompare(b.file));
  return { ok: problems.length === 0, records: expected.entries.length, auditEntries, problems };
}
