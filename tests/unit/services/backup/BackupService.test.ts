import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { createSafetyServices } from '../../../../main/services/backup/createSafetyServices';
import { createServices } from '../../../../main/services/createServices';
import type { EventName, Events } from '../../../../shared/ipc/events';
import { VaultSession } from '../../../../main/services/VaultSession';
import { clientInput, expectKind, makeVault, PASS, steppingClock } from '../serviceKit';

/** Fails unless `promise` rejects with `kind` and, when given, a message matching `words`. */
async function expectAttuneError(
  promise: Promise<unknown>,
  kind: Parameters<typeof expectKind>[1],
  words?: RegExp,
) {
  const message = await expectKind(promise, kind);
  if (words) expect(message).toMatch(words);
}

type Pushed = Array<[EventName, Events[EventName]]>;

/** An unlocked session with the backup and restore services over real temp folders. */
async function setUp() {
  const { dataDir, location } = await makeVault();
  const pushed: Pushed = [];
  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    pushed.push([event, payload]);
  };
  const session = new VaultSession(location, emit);
  await session.unlock({ passphrase: PASS });
  // Closed before the temp folder is removed (hooks run last-registered first): a format-2 vault
  // still writes what it has seen and its presence just after unlocking.
  onTestFinished(() => session.lock('quit').then(() => undefined));
  const clock = steppingClock('2026-12-02T09:00:00.000Z');
  const services = createServices(session, { clock });
  const safety = createSafetyServices(session, emit, { dataDir, clock });
  const backupDir = join(dataDir, 'usb');
  await mkdir(backupDir);
  return { dataDir, location, session, services, safety, backupDir, pushed };
}

const generationsIn = async (backupDir: string) => {
  const root = join(backupDir, 'Attune backups');
  const [set] = await readdir(root);
  return (await readdir(join(root, set ?? ''))).filter((n) => /^\d{4}-/.test(n)).sort();
};

describe('BackupService', () => {
  test('choosing a folder backs up at once; every lock writes another verified generation; status says so', async () => {
    const h = await setUp();
    expect((await h.safety.backups.status()).warning?.kind).toBe('no-folder');
    await h.safety.backups.setFolder(h.backupDir);
    // The first backup runs in the background; a manual one joins the queue after it.
    await h.safety.backups.run('manual');
    expect(await generationsIn(h.backupDir)).toHaveLength(2);
    await h.services.clients.create(clientInput('C-1'));
    await h.session.lock('user');
    expect(await generationsIn(h.backupDir)).toHaveLength(3);
    const status = await h.safety.backups.status();
    expect(status.warning).toBeNull();
    expect(status.lastVerified).toMatchObject({ ok: true, verified: true });
    expect(status.lastVerified?.generation).toBe((await generationsIn(h.backupDir)).at(-1));
    expect(h.pushed.some(([event]) => event === 'backup:status')).toBe(true);
  });

  test('the hourly schedule backs up only once an hour has passed since the last attempt, and only while open', async () => {
    const { dataDir, location } = await makeVault();
    const session = new VaultSession(location, () => undefined);
    await session.unlock({ passphrase: PASS });
    let now = Date.parse('2026-12-02T09:00:00.000Z');
    const clock = () => new Date(now);
    const safety = createSafetyServices(session, () => undefined, { dataDir, clock });
    const backupDir = join(dataDir, 'usb');
    await mkdir(backupDir);
    await safety.backups.setFolder(backupDir);
    await safety.backups.run('manual'); // after the one that choosing the folder starts
    const lastAt = async () => (await safety.backups.status()).lastAttempt?.at;
    expect(await lastAt()).toBe('2026-12-02T09:00:00.000Z');
    now += 59 * 60 * 1000;
    await safety.backups.backUpIfDue();
    expect(await lastAt()).toBe('2026-12-02T09:00:00.000Z');
    now += 2 * 60 * 1000;
    await safety.backups.backUpIfDue();
    expect(await lastAt()).toBe('2026-12-02T10:01:00.000Z');
    // Retention keeps one generation per past hour: 09:00's two became one; 10:01's is new.
    expect(await generationsIn(backupDir)).toEqual(['2026-12-02T09-00-00Z-2', '2026-12-02T10-01-00Z']);
    await session.lock('user'); // writes one more
    now += 3 * 60 * 60 * 1000;
    await safety.backups.backUpIfDue(); // locked: nothing to back up
    expect(await lastAt()).toBe('2026-12-02T10:01:00.000Z');
    safety.backups.dispose();
  });

  test('a manual backup without a folder, or while locked, fails with plain words', async () => {
    const h = await setUp();
    await expectAttuneError(h.safety.backups.run('manual'), 'invalid-input', /Choose a backup folder first/);
    await h.session.lock('user');
    await expectAttuneError(h.safety.backups.run('manual'), 'locked');
  });

  test('a folder inside the vault, a missing one, or a read-only one is refused', async () => {
    const h = await setUp();
    // A folder of its own inside the vault folder, whichever format the vault is in.
    const inside = join(h.location, 'inside');
    await mkdir(inside);
    await expectAttuneError(h.safety.backups.setFolder(inside), 'invalid-input', /inside the vault/);
    await expectAttuneError(h.safety.backups.setFolder(join(h.dataDir, 'nope')), 'not-found');
    if (process.getuid?.() !== 0) {
      const readOnly = join(h.dataDir, 'ro');
      await mkdir(readOnly);
      await chmod(readOnly, 0o500);
      await expectAttuneError(h.safety.backups.setFolder(readOnly), 'invalid-input', /read-only/);
    }
  });

  test('the drive unplugged: the lock still locks, the failure is recorded and shown, never silent', async () => {
    const h = await setUp();
    await h.safety.backups.setFolder(h.backupDir);
    await h.safety.backups.run('manual');
    await rm(h.backupDir, { recursive: true });
    await h.session.lock('user');
    expect((await h.session.status()).state).toBe('locked');
    const status = await h.safety.backups.status();
    expect(status.folderAvailable).toBe(false);
    expect(status.warning?.kind).toBe('folder-missing');
    expect(status.lastAttempt).toMatchObject({ ok: false });
    expect(status.lastAttempt?.message).toMatch(/cannot be reached/);
    expect(status.lastVerified?.ok).toBe(true); // the earlier verified backup is still reported
  });

  test('restore: lists the generations with counts, restores an older one, keeps the current vault aside', async () => {
    const h = await setUp();
    await h.safety.backups.setFolder(h.backupDir);
    await h.safety.backups.run('manual');
    await h.services.clients.create(clientInput('C-1'));
    await h.services.clients.create(clientInput('C-2'));
    await h.safety.backups.run('manual');
    await h.session.lock('user');

    await expectAttuneError(
      h.safety.restore.restore('0'.repeat(32), 'x', PASS),
      'invalid-input',
      /List the backups/,
    );
    const listed = await h.safety.restore.list(PASS, false, undefined);
    expect(listed?.folder).toBe(h.backupDir);
    const [set] = listed?.sets ?? [];
    expect(set?.thisVault).toBe(true);
    const counts = set?.generations.map((g) => g.clients) ?? [];
    expect(counts[0]).toBe(2); // newest first
    expect(counts).toContain(0);
    const oldest = set?.generations.at(-1);
    if (!set || !oldest) throw new Error('no generations listed');

    const result = await h.safety.restore.restore(set.vaultId, oldest.name, PASS);
    expect(result.keptAside).not.toBeNull();
    expect((await stat(join(result.keptAside ?? '', 'attune-vault.json'))).isFile()).toBe(true);
    expect((await h.session.status()).state).toBe('unlocked');
    const audit = await h.session.vault.readAudit();
    expect(audit.at(-1)).toMatchObject({ type: 'restore', detail: { generation: oldest.name } });
    const restoredServices = createServices(h.session);
    expect(await restoredServices.clients.list()).toHaveLength(0);
    await h.session.lock('user');
  });
});
