/**
 * Files are named by the user's own day, not UTC's: on Kiritimati (UTC+14) the kit's clock,
 * 10:00 UTC on March 14, is already March 15, and so is a session at 10:30 UTC. Named by UTC
 * date, a note held on the 15th was saved as "-note-2025-03-14" (and a New York evening session
 * as the next day's).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryKeyText } from '../../../main/services/recoveryKey/recoveryKeyText';
import { formatRecoveryKey, generateRecoveryKey } from '../../../main/vault/recoveryKey';
import { tempDir } from '../helpers/tempDir';
import { clientInput, filledDraft, openServices, sessionInput } from '../services/serviceKit';

const zoneBefore = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Pacific/Kiritimati';
});
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

const fakePrint = async () => new TextEncoder().encode('%PDF-1.7\n%%EOF\n');

describe('export file names in a time zone far from UTC', () => {
  it('take the local day: a note by its session’s, a record and the whole export by the day they were made', async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    const session = await services.sessions.create(sessionInput(client.id, '2025-03-14T10:30:00Z'));
    const note = await services.notes.create(session.id, 'soap');
    await services.notes.saveDraft(note.id, filledDraft());
    await services.notes.sign(note.id);
    const folder = await tempDir('attune-records-');

    expect((await services.records.saveNotePdf(note.id, folder, fakePrint)).path).toBe(
      join(folder, 'C-01-note-2025-03-15.pdf'),
    );
    expect((await services.records.exportClient(client.id, folder, fakePrint)).pdfPath).toBe(
      join(folder, 'C-01-record-2025-03-15.pdf'),
    );
    expect((await services.records.exportAll(folder, false)).path).toBe(
      join(folder, 'attune-export-2025-03-15.json'),
    );
  });

  it('the recovery key file says the local day it was made', () => {
    const key = formatRecoveryKey(generateRecoveryKey());
    expect(recoveryKeyText(key, new Date('2026-12-03T10:00:00Z'))).toContain('Made on 2026-12-04.');
  });
});
