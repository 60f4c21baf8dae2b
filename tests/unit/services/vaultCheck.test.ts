import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { memoryRecordSource } from '../../../main/services/check/memoryRecordSource';
import { VaultCheckService } from '../../../main/services/check/VaultCheckService';
import { createServices, type Services } from '../../../main/services/createServices';
import { VaultSession } from '../../../main/services/VaultSession';
import {
  adviceFor,
  describeCause,
  describeDamagedRecord,
  describeVaultProblem,
} from '../../../shared/domain/vaultCheckReport';
import type { Events } from '../../../shared/ipc/events';
import { tempDir } from '../helpers/tempDir';
import { clientInput, expectKind, makeVault, PASS, sessionInput, steppingClock } from './serviceKit';

const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

/** The record files of a locked vault (locking writes every record to its file). */
const recordFiles = async (location: string) => new Set(await readdir(join(location, 'records')));

/** The file that appeared between two listings: the record written in between. */
function added(before: Set<string>, after: Set<string>): string {
  const fresh = [...after].filter((f) => !before.has(f));
  expect(fresh).toHaveLength(1);
  return fresh[0]!;
}

interface World {
  session: VaultSession;
  services: Services;
  check: VaultCheckService;
  location: string;
  progress: Array<Events['vault:progress']>;
  files: { client: string; session: string; note: string; processNote: string };
  sessionId: string;
  noteId: string;
  backupFolder: string;
}

/**
 * A vault with client C-014 (Rose M.), a session on 5 March 2026, its note and a process note,
 * each written to its own file; left locked, so a test can damage a file before unlocking.
 */
async function world(): Promise<World> {
  // Format 1 on purpose, not upgraded at unlock: these tests damage its record files and restore
  // single records from its backups. Format 2's check is in syncedCheck.test.ts.
  const { location } = await makeVault(undefined, 1);
  const progress: Array<Events['vault:progress']> = [];
  const session = new VaultSession(
    location,
    (event, payload) => {
      if (event === 'vault:progress') progress.push(payload as Events['vault:progress']);
    },
    undefined,
    { upgradeToFormat2: false },
  );
  onTestFinished(() => session.lock('quit').then(() => undefined));
  const services = createServices(session, { clock: steppingClock() });
  const backupFolder = await tempDir('attune-check-backups-');
  const check = new VaultCheckService(
    session,
    { exist: async () => false, folder: async () => backupFolder },
    memoryRecordSource(services),
    services.bulkWrites,
  );

  const step = async (work: () => Promise<void>): Promise<string> => {
    const before = await recordFiles(location);
    await session.unlock({ passphrase: PASS });
    await work();
    await session.lock('user');
    return added(before, await recordFiles(location));
  };
  let clientId = '';
  let sessionId = '';
  let noteId = '';
  const client = await step(async () => {
    clientId = (await services.clients.create(clientInput('C-014', { displayName: 'Rose M.' }))).id;
  });
  const sessionFile = await step(async () => {
    sessionId = (await services.sessions.create(sessionInput(clientId, '2026-03-05T10:00:00.000Z'))).id;
  });
  const note = await step(async () => {
    noteId = (await services.notes.create(sessionId, 'soap')).id;
  });
  const processNote = await step(async () => {
    await services.processNotes.save(noteId, 'My own reactions, kept apart.');
  });
  return {
    session,
    services,
    check,
    location,
    progress,
    files: { client, session: sessionFile, note, processNote },
    sessionId,
    noteId,
    backupFolder,
  };
}

async function flipByte(path: string): Promise<void> {
  const bytes = await readFile(path);
  bytes[bytes.length - 5]! ^= 0x40;
  await writeFile(path, bytes);
}

describe('Check the vault', () => {
  it('finds no problems in a healthy vault and reports its progress to the end', async () => {
    const w = await world();
    await w.session.unlock({ passphrase: PASS });
    const report = await w.check.check();
    expect(report).toMatchObject({ ok: true, damaged: [], vaultProblems: [], repair: null });
    expect(report.records).toBeGreaterThanOrEqual(4);
    expect(adviceFor(report)).toMatch(/^No problems found/);
    expect(w.progress[0]).toEqual({ task: 'verify', done: 0, total: report.records });
    expect(w.progress.at(-1)).toEqual({ task: 'verify', done: report.records, total: report.records });
  });

  it('names a damaged note by its session date and client, and says to restore it from a backup', async () => {
    const w = await world();
    await flipByte(join(w.location, 'records', w.files.note));
    await w.session.unlock({ passphrase: PASS });
    // Opening the note says where to go next.
    const refused = await expectKind(w.services.notes.get(w.noteId), 'integrity');
    expect(refused).toMatch(/Settings → Check the vault says which one and restores it from a backup/);
    const report = await w.check.check();
    expect(report.ok).toBe(false);
    expect(report.damaged).toHaveLength(1);
    const [damaged] = report.damaged;
    expect(damaged).toMatchObject({
      what: 'note',
      cause: 'damaged',
      client: { code: 'C-014', displayName: 'Rose M.' },
      sessionStartsAt: '2026-03-05T10:00:00.000Z',
    });
    // Found through the process note, which names the note's session and client.
    expect(describeDamagedRecord(damaged!, longDate)).toBe(
      'The note of the session of 5 March 2026 for client C-014 (Rose M.)',
    );
    expect(describeCause(damaged!.cause)).toMatch(/damaged and cannot be read/);
    // Nothing in the words a therapist reads is a file name or an id.
    const words = `${describeDamagedRecord(damaged!, longDate)} ${describeCause(damaged!.cause)}`;
    expect(words).not.toContain(w.files.note.slice(0, 8));
    expect(words).not.toContain(damaged!.id);
    expect(adviceFor(report)).toMatch(/Restore the vault from a backup/);
  });

  it('names a session whose file was deleted while the app was open, from what it read earlier', async () => {
    const w = await world();
    await w.session.unlock({ passphrase: PASS });
    await w.services.sessions.require(w.sessionId); // the app has shown it, so it is in memory
    await rm(join(w.location, 'records', w.files.session));
    const report = await w.check.check();
    expect(report.damaged).toHaveLength(1);
    expect(report.damaged[0]).toMatchObject({ what: 'session', cause: 'missing' });
    expect(describeDamagedRecord(report.damaged[0]!, longDate)).toBe(
      'The session of 5 March 2026 with client C-014 (Rose M.)',
    );
    expect(describeCause('missing')).toMatch(/deleted outside Attune/);
  });

  it('recognises a client whose own record is lost by the sessions that point to it', async () => {
    const w = await world();
    await flipByte(join(w.location, 'records', w.files.client));
    await w.session.unlock({ passphrase: PASS });
    const report = await w.check.check();
    expect(report.damaged).toHaveLength(1);
    expect(describeDamagedRecord(report.damaged[0]!, longDate)).toBe(
      'A client record with 1 session (its code could not be read)',
    );
  });

  it('tells a record put back from an older copy apart from plain damage', async () => {
    const w = await world();
    const path = join(w.location, 'records', w.files.processNote);
    const old = await readFile(path);
    await w.session.unlock({ passphrase: PASS });
    await w.services.processNotes.save(w.noteId, 'A second revision.');
    await w.session.lock('user');
    await writeFile(path, old); // an older copy put back, as a sync tool might
    await w.session.unlock({ passphrase: PASS });
    const report = await w.check.check();
    expect(report.damaged).toHaveLength(1);
    expect(report.damaged[0]).toMatchObject({
      what: 'process-note',
      cause: 'replaced',
      client: { code: 'C-014' },
    });
    expect(describeDamagedRecord(report.damaged[0]!, longDate)).toBe(
      'The private process note of the session of 5 March 2026 for client C-014 (Rose M.)',
    );
    expect(describeCause('replaced')).toMatch(/older or a different copy/);
  });

  it('reports a damaged audit trail as a problem of the vault as a whole', async () => {
    const w = await world();
    await flipByte(join(w.location, 'audit.bin'));
    await w.session.unlock({ passphrase: PASS });
    const report = await w.check.check();
    expect(report.ok).toBe(false);
    expect(report.damaged).toEqual([]);
    expect(report.vaultProblems).toEqual([{ part: 'audit' }]);
    expect(describeVaultProblem({ part: 'audit' })).toMatch(
      /audit trail .* Your notes themselves are not affected/,
    );
    expect(adviceFor(report)).toMatch(/Restore the vault from a backup/);
  });

  describe('restoring the damaged records from backups', () => {
    /** Writes a backup generation of the unlocked vault, as the app does on lock. */
    const backUp = async (w: World, at: string) =>
      (await w.session.vault.backupTo(w.backupFolder, { now: new Date(at) })).generation;

    it('puts a damaged note back from the backup, as a new revision with an audit entry; the rest untouched', async () => {
      const w = await world();
      await w.session.unlock({ passphrase: PASS });
      const original = await w.services.notes.get(w.noteId);
      await backUp(w, '2026-03-06T09:00:00.000Z');
      await w.session.lock('user');
      const clientBytes = await readFile(join(w.location, 'records', w.files.client));
      await flipByte(join(w.location, 'records', w.files.note));
      await w.session.unlock({ passphrase: PASS });

      const report = await w.check.check();
      expect(report.repair).toEqual({ generations: 1, newestAt: '2026-03-06T09:00:00.000Z' });
      expect(adviceFor(report)).toMatch(/^Restore the affected records from your backups/);

      const result = await w.check.repairFromBackup(PASS);
      expect(result.notRestored).toEqual([]);
      expect(result.restored).toHaveLength(1);
      expect(result.restored[0]!.backupAt).toBe('2026-03-06T09:00:00.000Z');
      expect(describeDamagedRecord(result.restored[0]!.record, longDate)).toBe(
        'The note of the session of 5 March 2026 for client C-014 (Rose M.)',
      );
      expect(result.report).toMatchObject({ ok: true, damaged: [] });
      expect(await w.services.notes.get(w.noteId)).toEqual(original);
      const audit = await w.session.vault.readAudit();
      expect(audit.at(-1)).toMatchObject({
        type: 'restore',
        detail: { scope: 'damaged records', kind: 'note' },
      });
      // Survives a lock (the record file itself is rewritten), and nothing else was touched.
      await w.session.lock('user');
      expect(await readFile(join(w.location, 'records', w.files.client))).toEqual(clientBytes);
      await w.session.unlock({ passphrase: PASS });
      expect((await w.check.check()).ok).toBe(true);
    });

    it('takes a record from an older backup when the newest holds it damaged too', async () => {
      const w = await world();
      await w.session.unlock({ passphrase: PASS });
      const older = await backUp(w, '2026-03-06T09:00:00.000Z');
      await w.services.clients.update((await w.services.clients.list())[0]!.id, { concerns: ['Sleep'] });
      const newer = await backUp(w, '2026-03-07T09:00:00.000Z');
      expect(newer).not.toBe(older);
      const vaultId = w.session.vault.id;
      await w.session.lock('user');
      // The newest backup's copy of the note is damaged (a new file, so the older one's link is spared).
      const set = join(w.backupFolder, 'Attune backups', vaultId);
      const inNewer = join(set, newer, 'records', w.files.note);
      const bytes = await readFile(inNewer);
      bytes[bytes.length - 5]! ^= 0x40;
      await rm(inNewer);
      await writeFile(inNewer, bytes);
      await flipByte(join(w.location, 'records', w.files.note));
      await w.session.unlock({ passphrase: PASS });

      const result = await w.check.repairFromBackup(PASS);
      expect(result.restored.map((r) => r.backupAt)).toEqual(['2026-03-06T09:00:00.000Z']);
      expect(result.report.ok).toBe(true);
    });

    it('prefers the newest backup that holds the record, so the fewest changes are lost', async () => {
      const w = await world();
      await w.session.unlock({ passphrase: PASS });
      await backUp(w, '2026-03-06T09:00:00.000Z');
      const clientId = (await w.services.clients.list())[0]!.id;
      await w.services.clients.update(clientId, { concerns: ['Sleep'] });
      await backUp(w, '2026-03-07T09:00:00.000Z');
      await w.session.lock('user');
      await flipByte(join(w.location, 'records', w.files.client));
      await w.session.unlock({ passphrase: PASS });
      const result = await w.check.repairFromBackup(PASS);
      expect(result.restored.map((r) => r.backupAt)).toEqual(['2026-03-07T09:00:00.000Z']);
      expect(describeDamagedRecord(result.restored[0]!.record, longDate)).toBe(
        'The client record of client C-014 (Rose M.)',
      );
      expect((await w.services.clients.get(clientId)).concerns).toEqual(['Sleep']);
    });

    it('a wrong passphrase changes nothing and says so', async () => {
      const w = await world();
      await w.session.unlock({ passphrase: PASS });
      await backUp(w, '2026-03-06T09:00:00.000Z');
      await w.session.lock('user');
      await flipByte(join(w.location, 'records', w.files.note));
      await w.session.unlock({ passphrase: PASS });
      const message = await expectKind(
        w.check.repairFromBackup('not the passphrase at all'),
        'wrong-passphrase',
      );
      expect(message).toMatch(/opens none of your backups/);
      expect((await w.check.check()).damaged).toHaveLength(1);
    });

    it('without backups of this vault there is no offer, and the advice is to restore a whole backup', async () => {
      const w = await world();
      await flipByte(join(w.location, 'records', w.files.note));
      await w.session.unlock({ passphrase: PASS });
      const report = await w.check.check();
      expect(report.repair).toBeNull();
      await expectKind(w.check.repairFromBackup(PASS), 'not-found');
    });
  });
});
