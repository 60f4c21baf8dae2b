/** Writing a packet out: the encrypted file, then the vault's record of it and the audit entry. */
import { unlink } from 'node:fs/promises';
import { AttuneError } from '../../../shared/errors';
import type { BuiltPacket } from './buildPacket';
import { type SealOptions, writePacketFile } from './reviewFiles';
import { type ReviewExportRecord, type ReviewVault, reviewKinds } from './reviewKinds';

/** The shortest packet passphrase accepted; it is shared with a person, so it must resist guessing. */
export const MIN_PACKET_PASSPHRASE = 10;

export interface ExportedPacket {
  path: string;
  packetId: string;
  alias: string;
  sessions: number;
}

/**
 * Encrypts `built` to `path` and records the export: which real records the packet's refs stand
 * for (so returned comments can be attached) and an 'export' audit entry, in one vault commit.
 * If that commit fails the file is removed again, so no packet exists that the vault cannot
 * take comments back for.
 */
export async function exportPacket(
  vault: ReviewVault,
  built: BuiltPacket,
  passphrase: string,
  path: string,
  options: SealOptions = {},
): Promise<ExportedPacket> {
  if (passphrase.length < MIN_PACKET_PASSPHRASE) {
    throw new AttuneError(
      'invalid-input',
      `Use a packet passphrase of at least ${MIN_PACKET_PASSPHRASE} characters.`,
    );
  }
  await writePacketFile(built.content, passphrase, path, options);
  const record: ReviewExportRecord = { ...built.record, path };
  try {
    await vault.put(reviewKinds.export, record.packetId, record, {
      type: 'export',
      detail: {
        what: 'review-packet',
        sessions: record.sessions,
        processNotes: record.processNotes,
        // Whether diagnosis codes left the machine: a separate, explicit choice, like process notes.
        diagnoses: built.content.include.diagnoses,
        dateShift: record.shiftDays !== 0,
      },
    });
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return { path, packetId: record.packetId, alias: record.alias, sessions: record.sessions };
}
