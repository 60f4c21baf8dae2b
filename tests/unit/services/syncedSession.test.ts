import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createServices } from '../../../main/services/createServices';
import { DeviceConfigStore } from '../../../main/services/device/DeviceConfigStore';
import { SEEN_DIR, ThisDevice } from '../../../main/services/device/ThisDevice';
import { rotateKey } from '../../../main/services/rotateKey';
import { searchThreadsRunning } from '../../../main/services/searchThread';
import { VaultSession } from '../../../main/services/VaultSession';
import { changePassphrase } from '../../../main/services/changePassphrase';
import type { EventName } from '../../../shared/ipc/events';
import { tempDir } from '../helpers/tempDir';
import { syncFolder } from '../vault/v2/syncFolder';
import {
  clientInput,
  clientWithNote,
  expectKind,
  filledDraft,
  makeVault,
  PASS,
  steppingClock,
  TEST_CLINICIAN,
} from './serviceKit';

/** One computer: its own data folder (settings, device id) and its own copy of the synced vault folder. */
async function computer(
  dataDir: string,
  refresh: { debounceMs?: number; everyMs?: number } = { debounceMs: 50, everyMs: 0 },
) {
  const events: EventName[] = [];
  const session = new VaultSession(join(dataDir, 'vault'), (event) => events.push(event), 1500, { refresh });
  onTestFinished(() => session.lock('quit').then(() => undefined));
  await session.unlock({ passphrase: PASS });
  const services = createServices(session, { clock: steppingClock(), searchSliceMs: 0 });
  return { session, services, events, dataDir, vault: join(dataDir, 'vault') };
}

/** Office made the vault; the laptop got a copy of the folder through the sync service. */
async function officeAndLaptop(refresh?: { debounceMs?: number; everyMs?: number }) {
  const { dataDir: officeData } = await makeVault(undefined, 2);
  const laptopData = await tempDir('attune-laptop-');
  await cp(join(officeData, 'vault'), join(laptopData, 'vault'), { recursive: true });
  const office = await computer(officeData, refresh);
  await office.services.settings.update({ clinicianName: TEST_CLINICIAN });
  return { office, laptopData };
}

/** Resolves when `events` receives `name`, or fails after `ms`. */
async function eventArrives(events: EventName[], name: EventName, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!events.includes(name)) {
    if (Date.now() - start > ms) throw new Error(`no ${name} event within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('VaultSession over a format-2 vault (several computers)', () => {
  it('opens it, names the format and its engine, and keeps this computer’s id across unlocks', async () => {
    const { dataDir, location } = await makeVault(undefined, 2);
    const session = new VaultSession(location, () => undefined);
    onTestFinished(() => session.lock('quit').then(() => undefined));
    expect((await session.status()).state).toBe('locked');
    await session.unlock({ passphrase: PASS });
    expect(session.vault.format).toBe(2);
    const engine = session.synced;
    expect(engine).not.toBeNull();
    const id = (await new DeviceConfigStore(dataDir).read()).device.id;
    expect(engine?.deviceHex).toBe(id);
    await session.lock('user');
    await session.unlock({ passphrase: PASS });
    // The same computer carries on its own log: one device folder, not a new one per unlock.
    expect(session.synced?.deviceHex).toBe(id);
    expect(await readdir(join(location, 'devices'))).toEqual([id]);
  });

  it('a format-1 vault is upgraded at unlock and opens as format 2; with the upgrade turned off it opens as format 1, with no engine', async () => {
    const upgraded = await makeVault(undefined, 1);
    const session = new VaultSession(upgraded.location, () => undefined);
    onTestFinished(() => session.lock('quit').then(() => undefined));
    const status = await session.unlock({ passphrase: PASS });
    expect(session.vault.format).toBe(2);
    expect(session.synced).not.toBeNull();
    expect(status.format1Copy).toMatch(/vault \(format 1 copy \d{4}-\d\d-\d\d \d\d-\d\d\)$/);

    const kept = await makeVault(undefined, 1);
    const old = new VaultSession(kept.location, () => undefined, undefined, { upgradeToFormat2: false });
    onTestFinished(() => old.lock('quit').then(() => undefined));
    expect(await old.unlock({ passphrase: PASS })).toEqual({ state: 'unlocked', location: kept.location });
    expect(old.vault.format).toBe(1);
    expect(old.synced).toBeNull();
  });

  it('creates a format-2 vault by default, and format 1 when asked', async () => {
    const data = await tempDir('attune-create-');
    const shared = new VaultSession(join(data, 'shared', 'vault'), () => undefined);
    onTestFinished(() => shared.lock('quit').then(() => undefined));
    const made = await shared.create(PASS);
    expect(made.status.state).toBe('unlocked');
    expect(made.recoveryKey).toMatch(/\S{20,}/);
    expect(shared.vault.format).toBe(2);
    await shared.lock('user');
    expect((await shared.status()).state).toBe('locked');
    // The recovery key opens it, sets a new passphrase and gives a new key.
    const recovered = await shared.recover(made.recoveryKey, 'a brand new passphrase');
    expect(recovered.status.state).toBe('unlocked');
    await shared.lock('user');
    await shared.unlock({ passphrase: 'a brand new passphrase' });

    const single = new VaultSession(join(data, 'single', 'vault'), () => undefined);
    onTestFinished(() => single.lock('quit').then(() => undefined));
    await single.create(PASS, 1);
    expect(single.vault.format).toBe(1);
  });

  it('a folder whose marker has not arrived yet reads as locked, and unlocking says to wait', async () => {
    const { location } = await makeVault(undefined, 2);
    await rm(join(location, 'attune-vault.json'));
    const session = new VaultSession(location, () => undefined);
    expect((await session.status()).state).toBe('locked');
    expect(await expectKind(session.unlock({ passphrase: PASS }), 'not-a-vault')).toMatch(
      /not finished arriving/,
    );
  });

  it('keeps what this computer has seen in its data folder, never in the vault folder', async () => {
    const { dataDir, location } = await makeVault(undefined, 2);
    const session = new VaultSession(location, () => undefined);
    await session.unlock({ passphrase: PASS });
    const services = createServices(session, { clock: steppingClock() });
    await services.clients.create(clientInput('C-01'));
    const vaultHex = session.synced?.vaultHex;
    await session.lock('user');
    const kept = JSON.parse(await readFile(join(dataDir, SEEN_DIR, `${vaultHex}.json`), 'utf8'));
    expect(Object.keys(kept.heads)).toHaveLength(1);
    // The vault folder holds the marker and the devices' folders, nothing of this computer's settings.
    expect((await readdir(location)).sort()).toEqual(['attune-vault.json', 'devices']);
  });

  it('checks the current passphrase against format 2’s key files; key rotation reopens the rotated vault', async () => {
    const { office } = await officeAndLaptop();
    expect(
      await expectKind(
        changePassphrase(office.session, 'not the passphrase', 'another one'),
        'wrong-passphrase',
      ),
    ).toMatch(/not the current passphrase/);
    await changePassphrase(office.session, PASS, 'the second passphrase');
    await office.session.lock('user');
    await office.session.unlock({ passphrase: 'the second passphrase' });
    // Rotation (rotateSyncedVault, tested in tests/unit/vault/v2) writes a new vault under a new id.
    const before = office.session.synced?.vaultHex;
    const rotated = await rotateKey(office.session, 'the second passphrase');
    expect(rotated.status.state).toBe('unlocked');
    expect(office.session.synced?.vaultHex).not.toBe(before);
  });

  it('another computer’s changes reach the services once its files arrive, and records:changed is sent', async () => {
    const { office, laptopData } = await officeAndLaptop();
    const mine = await clientWithNote(office.services, 'C-01');
    await office.services.notes.saveDraft(mine.note.id, filledDraft());
    // Loaded before the laptop's change arrives: these caches must not hide it.
    expect((await office.services.clients.list()).map((c) => c.code)).toEqual(['C-01']);
    expect((await office.services.search.search('orchard', 10)).total).toBe(0);
    await office.services.search.indexReady(); // the search thread holds the office's notes

    const laptop = await computer(laptopData);
    await laptop.services.settings.update({ clinicianName: TEST_CLINICIAN });
    const theirs = await clientWithNote(laptop.services, 'C-02');
    await laptop.services.notes.saveDraft(
      theirs.note.id,
      filledDraft({ subjective: 'Walked in the orchard.' }),
    );
    const laptopHex = laptop.session.synced?.deviceHex as string;
    await laptop.session.lock('user');
    expect(office.events).not.toContain('records:changed');

    const threads = searchThreadsRunning();
    await syncFolder(laptop.vault, office.vault, office.session.synced?.deviceHex as string);
    // The folder watcher sees the laptop's files (no call from the test), and the services show them.
    await eventArrives(office.events, 'records:changed');
    // The merge dropped the search thread with its index of the notes before it.
    await vi.waitFor(() => expect(searchThreadsRunning()).toBe(threads - 1));
    expect((await office.services.clients.list()).map((c) => c.code)).toEqual(['C-01', 'C-02']);
    const found = await office.services.search.search('orchard', 10);
    expect(found.hits.map((h) => h.noteId)).toEqual([theirs.note.id]);
    await office.services.search.indexReady(); // a new thread, with the merged notes, built
    expect((await office.services.search.search('orchard', 10)).hits.map((h) => h.noteId)).toEqual([
      theirs.note.id,
    ]);
    expect((await office.services.index.noteSummaries()).map((n) => n.id).sort()).toEqual(
      [mine.note.id, theirs.note.id].sort(),
    );
    expect(office.session.synced?.list().length).toBeGreaterThan(0);
    expect((await office.session.vault.readAudit()).some((e) => e.device === laptopHex)).toBe(true);
  });

  it('the 30-second timer brings changes in even when no file event is seen', async () => {
    const { office, laptopData } = await officeAndLaptop({ debounceMs: 60_000, everyMs: 100 });
    const laptop = await computer(laptopData);
    await laptop.services.clients.create(clientInput('C-09'));
    await laptop.session.lock('user');
    await syncFolder(laptop.vault, office.vault, office.session.synced?.deviceHex as string);
    await eventArrives(office.events, 'records:changed');
    expect((await office.services.clients.list()).map((c) => c.code)).toEqual(['C-09']);
  });

  it('lock stops the refresh: files arriving after it are not read and no event is sent', async () => {
    const { office, laptopData } = await officeAndLaptop({ debounceMs: 20, everyMs: 50 });
    const officeHex = office.session.synced?.deviceHex as string;
    await office.session.lock('user');
    const laptop = await computer(laptopData);
    await laptop.services.clients.create(clientInput('C-03'));
    await laptop.session.lock('user');
    await syncFolder(laptop.vault, office.vault, officeHex);
    await new Promise((r) => setTimeout(r, 400));
    expect(office.events).not.toContain('records:changed');
    // Unlocking again reads them as usual.
    await office.session.unlock({ passphrase: PASS });
    expect((await office.services.clients.list()).map((c) => c.code)).toEqual(['C-03']);
  });

  it('renaming this computer is kept in its settings and used at the next open', async () => {
    const { dataDir, location } = await makeVault(undefined, 2);
    const session = new VaultSession(location, () => undefined);
    onTestFinished(() => session.lock('quit').then(() => undefined));
    expect(await session.renameDevice('  Office iMac ')).toBe('Office iMac');
    await expectKind(session.renameDevice('Office\niMac'), 'invalid-input');
    expect((await new DeviceConfigStore(dataDir).read()).device.name).toBe('Office iMac');
    await session.unlock({ passphrase: PASS });
    expect(session.synced?.ownName).toBe('Office iMac');
  });

  it('a second computer opening a copy joins under its own id, from its own settings', async () => {
    const { office, laptopData } = await officeAndLaptop();
    const laptop = await computer(laptopData);
    const laptopHex = (await new ThisDevice(new DeviceConfigStore(laptopData)).identity()).hex;
    expect(laptop.session.synced?.deviceHex).toBe(laptopHex);
    expect(laptopHex).not.toBe(office.session.synced?.deviceHex);
  });
});

describe('VaultSession over format 2: opening a copy whose own log was put back', () => {
  it('carries on under a new id and remembers it in this computer’s settings', async () => {
    const { dataDir, location } = await makeVault(undefined, 2);
    const device = new ThisDevice(new DeviceConfigStore(dataDir));
    const before = (await device.identity()).hex;
    const older = await tempDir('attune-older-');
    await cp(location, join(older, 'vault'), { recursive: true });
    const session = new VaultSession(location, () => undefined);
    onTestFinished(() => session.lock('quit').then(() => undefined));
    await session.unlock({ passphrase: PASS });
    await createServices(session, { clock: steppingClock() }).clients.create(clientInput('C-01'));
    await session.lock('user');
    // A sync app or a restore puts back the older copy of this computer's own folder.
    await rm(join(location, 'devices', before), { recursive: true });
    await cp(join(older, 'vault', 'devices', before), join(location, 'devices', before), { recursive: true });
    await session.unlock({ passphrase: PASS });
    const after = session.synced?.deviceHex;
    expect(after).not.toBe(before);
    expect((await new DeviceConfigStore(dataDir).read()).device.id).toBe(after);
  });
});
