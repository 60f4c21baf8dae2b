import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cliDataDir } from '../../../main/cli/cliDataDir';
import { createServices } from '../../../main/services/createServices';
import { DeviceConfigStore } from '../../../main/services/device/DeviceConfigStore';
import { ThisDevice } from '../../../main/services/device/ThisDevice';
import { VaultSession } from '../../../main/services/VaultSession';
import { SyncedVault } from '../../../main/vault/v2/SyncedVault';
import { tempDir } from '../helpers/tempDir';
import { clientInput, steppingClock } from '../services/serviceKit';
import { cli, PASSPHRASE, TEST_KDF } from './cliTestKit';

/** A format-2 vault made as the computer whose settings are in `dataDir`, holding one client. */
async function sharedVault() {
  const dataDir = await tempDir('attune-cli-data-');
  const dir = join(dataDir, 'vault');
  const device = await new ThisDevice(new DeviceConfigStore(dataDir)).identity();
  const { vault, recoveryKey } = await SyncedVault.create(dir, PASSPHRASE, {
    kdf: TEST_KDF,
    device,
    heartbeatMs: 0,
  });
  await vault.lock();
  const session = new VaultSession(dir, () => undefined);
  onTestFinished(() => session.lock('quit').then(() => undefined));
  await session.unlock({ passphrase: PASSPHRASE });
  await createServices(session, { clock: steppingClock() }).clients.create(clientInput('SH-01'));
  await session.lock('user');
  return { dataDir, dir, deviceHex: device.hex, recoveryKey };
}

describe('attune on a vault shared by several computers (format 2)', () => {
  it('exports it as this computer (the app’s settings), never joining as a new computer per run', async () => {
    const { dataDir, dir, deviceHex } = await sharedVault();
    const env = { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_DATA_DIR: dataDir };
    for (let run = 0; run < 2; run++) {
      const { code, out } = await cli(['export', dir], env);
      expect(code).toBe(0);
      expect(JSON.parse(out).clients.map((c: { code: string }) => c.code)).toEqual(['SH-01']);
    }
    expect(await readdir(join(dir, 'devices'))).toEqual([deviceHex]);
    expect((await cli(['verify', dir], env)).code).toBe(0);
  });

  it('changes the passphrase and recovers with the recovery key', async () => {
    const { dataDir, dir, recoveryKey } = await sharedVault();
    const folder = await tempDir('attune-cli-secrets-');
    await writeFile(join(folder, 'new'), 'a second long passphrase\n');
    await writeFile(join(folder, 'third'), 'a third long passphrase\n');
    await writeFile(join(folder, 'key'), `${recoveryKey}\n`);
    const env = { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_DATA_DIR: dataDir };
    expect((await cli(['passwd', dir, '--new-passphrase-file', join(folder, 'new')], env)).code).toBe(0);
    expect((await cli(['export', dir], env)).code).toBe(3); // the old passphrase no longer opens it
    const recovered = await cli(
      [
        'recover',
        dir,
        '--recovery-key-file',
        join(folder, 'key'),
        '--new-passphrase-file',
        join(folder, 'third'),
      ],
      { ATTUNE_DATA_DIR: dataDir },
    );
    expect(recovered.code).toBe(0);
    expect(recovered.out).toMatch(/NEW recovery key/);
    const exported = await cli(['export', dir], {
      ATTUNE_PASSPHRASE: 'a third long passphrase',
      ATTUNE_DATA_DIR: dataDir,
    });
    expect(exported.code).toBe(0);
  });

  it('backs it up as the app does: a checked generation that opens with the same passphrase', async () => {
    const { dataDir, dir } = await sharedVault();
    const dest = join(await tempDir('attune-cli-backup-'), 'backups');
    const env = { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_DATA_DIR: dataDir };
    const { code, out } = await cli(['backup', dir, dest], env);
    expect(code).toBe(0);
    const written = /Backed up to (.+?)\. Keep it/.exec(out)?.[1] ?? '';
    expect(written.startsWith(join(dest, 'Attune backups'))).toBe(true);
    // The generation is a whole vault, checked from outside with the same passphrase like the vault.
    const verified = await cli(['verify', written], env);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/OK/);
  });

  it('tells the vault’s problems before a command’s output: export and report end with code 1, import and passwd refuse', async () => {
    const { dataDir, dir, deviceHex } = await sharedVault();
    const env = { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_DATA_DIR: dataDir };
    const log = join(dir, 'devices', deviceHex, 'log-000001.bin');
    const older = await readFile(log);
    const session = new VaultSession(dir, () => undefined);
    onTestFinished(() => session.lock('quit').then(() => undefined));
    await session.unlock({ passphrase: PASSPHRASE });
    await createServices(session, { clock: steppingClock() }).clients.create(clientInput('SH-02'));
    await session.lock('user');
    // A sync tool puts back the older copy of this computer's log: SH-02 is gone.
    await writeFile(log, older);

    const exported = await cli(['export', dir], env);
    expect(exported.code).toBe(1);
    expect(JSON.parse(exported.out).clients.map((c: { code: string }) => c.code)).toEqual(['SH-01']);
    expect(exported.errLines[0]).toBe('attune: the vault reports a problem:');
    expect(exported.err).toMatch(/attune: changes may be missing from what follows\./);
    expect(exported.err).toMatch(/missing from this vault folder/);
    expect((await cli(['report', dir], env)).code).toBe(1);

    const folder = await tempDir('attune-cli-problems-');
    await writeFile(join(folder, 'new'), 'a second long passphrase\n');
    const passwd = await cli(['passwd', dir, '--new-passphrase-file', join(folder, 'new')], env);
    expect(passwd.code).toBe(1);
    expect(passwd.err).toMatch(/The passphrase was not changed: the vault reports a problem\./);
    await writeFile(join(folder, 'export.json'), exported.out);
    const imported = await cli(['import', dir, join(folder, 'export.json')], env);
    expect(imported.code).toBe(1);
    expect(imported.err).toMatch(/Nothing was imported: the vault reports a problem\./);
    expect((await cli(['verify', dir], env)).code).toBe(1);
    // Still the old passphrase.
    expect((await cli(['export', dir], env)).code).toBe(1);
  });

  it('this computer’s own log emptied: the loss is said to be this computer’s, by its short id, not another computer’s', async () => {
    const { dataDir, dir, deviceHex } = await sharedVault();
    const env = { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_DATA_DIR: dataDir };
    await writeFile(join(dir, 'devices', deviceHex, 'log-000001.bin'), '');
    const exported = await cli(['export', dir], env);
    expect(exported.code).toBe(1);
    expect(exported.err).toMatch(
      new RegExp(`changes saved on this computer \\(${deviceHex.slice(0, 8)}\\) are missing`),
    );
    expect(exported.err).not.toMatch(/another computer/);
  });

  it('says when changes from another computer have not all arrived (its log missing or cut short): export and report end with code 1', async () => {
    const { dir, deviceHex } = await sharedVault();
    // Another computer: settings of its own, so the vault's only log is not its own.
    const elsewhere = { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_DATA_DIR: await tempDir('attune-cli-other-') };
    const log = join(dir, 'devices', deviceHex, 'log-000001.bin');
    const whole = await readFile(log);
    await rm(log); // seen.bin has arrived, the log has not
    const exported = await cli(['export', dir], elsewhere);
    expect(exported.code).toBe(1);
    expect(exported.errLines[0]).toBe('attune: the vault reports a problem:');
    expect(exported.err).toMatch(/Waiting for \d+ changes from another computer \([0-9a-f]{8}\)/);
    expect(exported.err).toMatch(
      new RegExp(`attune: changes from another computer \\(${deviceHex.slice(0, 8)}\\) have not all arrived`),
    );
    expect((await cli(['report', dir], elsewhere)).code).toBe(1);

    // The log cut short at a change's end: the changes after it are still on their way.
    await writeFile(log, whole);
    const session = new VaultSession(dir, () => undefined);
    onTestFinished(() => session.lock('quit').then(() => undefined));
    await session.unlock({ passphrase: PASSPHRASE });
    await createServices(session, { clock: steppingClock() }).clients.create(clientInput('SH-02'));
    await session.lock('user');
    const longer = await readFile(log);
    await writeFile(log, longer.subarray(0, whole.length));
    const again = await cli(['export', dir], elsewhere);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/have not all arrived/);
    expect(JSON.parse(again.out).clients.map((c: { code: string }) => c.code)).toEqual(['SH-01']);
  });

  it('a stray file in a device folder (a Finder .DS_Store) is no problem to tell: export ends with 0, passwd changes the passphrase', async () => {
    const { dataDir, dir, deviceHex } = await sharedVault();
    const env = { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_DATA_DIR: dataDir };
    await writeFile(join(dir, 'devices', deviceHex, '.DS_Store'), 'Bud1');
    const exported = await cli(['export', dir], env);
    expect(exported.code).toBe(0);
    expect(exported.err).not.toMatch(/the vault reports/);
    const folder = await tempDir('attune-cli-stray-');
    await writeFile(join(folder, 'new'), 'a second long passphrase\n');
    expect((await cli(['passwd', dir, '--new-passphrase-file', join(folder, 'new')], env)).code).toBe(0);
  });

  it('says when records have two versions not yet resolved, and which one a command uses', async () => {
    const { dataDir, dir } = await sharedVault();
    const env = { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_DATA_DIR: dataDir };
    // A second computer with a copy of the vault changes the client while this one does too.
    const laptopDir = join(await tempDir('attune-cli-laptop-'), 'vault');
    await cp(dir, laptopDir, { recursive: true });
    const laptop = await SyncedVault.open(
      laptopDir,
      { passphrase: PASSPHRASE },
      { device: { name: 'Laptop' }, heartbeatMs: 0 },
    );
    const [client] = laptop.list('client');
    const value = await laptop.get<object>('client', client!.id);
    await laptop.put('client', client!.id, { ...value, displayName: 'Laptop edit' });
    const laptopHex = laptop.deviceHex;
    await laptop.lock();
    const session = new VaultSession(dir, () => undefined);
    onTestFinished(() => session.lock('quit').then(() => undefined));
    await session.unlock({ passphrase: PASSPHRASE });
    const services = createServices(session, { clock: steppingClock() });
    const [mine] = await services.clients.list();
    await services.clients.update(mine!.id, { ...clientInput('SH-01'), displayName: 'Office edit' });
    await session.lock('user');
    await cp(join(laptopDir, 'devices', laptopHex), join(dir, 'devices', laptopHex), { recursive: true });

    const exported = await cli(['export', dir], env);
    expect(exported.code).toBe(0);
    expect(exported.errLines[0]).toMatch(
      /^attune: 1 record has two versions from different computers, not yet resolved/,
    );
  });

  it('finds the app’s data folder as Electron names it on each system, unless ATTUNE_DATA_DIR says', () => {
    expect(cliDataDir({}, 'linux', '/home/dana')).toBe('/home/dana/.config/Attune');
    expect(cliDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/dana')).toBe('/cfg/Attune');
    expect(cliDataDir({}, 'darwin', '/Users/dana')).toBe('/Users/dana/Library/Application Support/Attune');
    expect(cliDataDir({ ATTUNE_DATA_DIR: '/tmp/profile' }, 'darwin', '/Users/dana')).toBe('/tmp/profile');
  });
});
