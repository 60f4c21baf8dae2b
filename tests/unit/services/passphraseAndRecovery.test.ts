import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createBackend } from '../../../main/ipc/createBackend';
import { createServices } from '../../../main/services/createServices';
import { renewRecoveryKey } from '../../../main/services/renewRecoveryKey';
import { rotateKey } from '../../../main/services/rotateKey';
import { VaultSession } from '../../../main/services/VaultSession';
import { Vault } from '../../../main/vault/Vault';
import type { EventName, Events } from '../../../shared/ipc/events';
import { tempDir } from '../helpers/tempDir';
import { clientInput, expectKind, hashTree, PASS, steppingClock, TEST_KDF } from './serviceKit';

const NEW_PASS = 'a different long passphrase';
const keyPattern = /^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/;

type Sent = { [E in EventName]: { event: E; payload: Events[E] } }[EventName];

/**
 * A locked format-1 vault with one record, its recovery key, and a session over it that records
 * events. These tests are of format 1's own files (its keys, its re-encrypted records), so the
 * session does not upgrade it; format 2's are in syncedSession.test.ts and tests/unit/vault/v2/.
 */
async function lockedVault() {
  const dataDir = await tempDir('attune-passphrase-');
  const location = join(dataDir, 'vault');
  const { vault, recoveryKey } = await Vault.create(location, PASS, { kdf: TEST_KDF });
  await vault.put('note', 'n1', { kept: 'the same' });
  await vault.lock();
  const sent: Sent[] = [];
  const hooks: { onEvent?: (sent: Sent) => void } = {};
  const session = new VaultSession(
    location,
    (event, payload) => {
      const item = { event, payload } as Sent;
      sent.push(item);
      hooks.onEvent?.(item);
    },
    undefined,
    { upgradeToFormat2: false },
  );
  onTestFinished(() => session.lock('quit').then(() => undefined));
  return { dataDir, location, recoveryKey, session, sent, hooks };
}

/** Opens `dir` with `secret`, reads the audit types, and closes it again. */
async function auditTypes(dir: string, secret: { passphrase: string } | { recoveryKey: string }) {
  const vault = await Vault.open(dir, secret);
  try {
    return (await vault.readAudit()).map((e) => e.type);
  } finally {
    await vault.lock();
  }
}

/** Resolves when `dir` opens with `secret` (and closes it); rejects as Vault.open does. */
const opens = async (dir: string, secret: { passphrase: string } | { recoveryKey: string }) =>
  (await Vault.open(dir, secret)).lock();

/** A key of the same form that belongs to no vault here. */
async function foreignKey(): Promise<string> {
  const { vault, recoveryKey } = await Vault.create(join(await tempDir(), 'other'), PASS, { kdf: TEST_KDF });
  await vault.lock();
  return recoveryKey;
}

describe('forgotten passphrase: recovery through the session', () => {
  it('opens with the key typed in lower case with spaces, sets the new passphrase and gives a new key', async () => {
    const { location, recoveryKey, session } = await lockedVault();
    const typed = ` ${recoveryKey.toLowerCase().replace(/-/g, ' ')} `;
    const result = await session.recover(typed, NEW_PASS);
    expect(result.status.state).toBe('unlocked');
    expect(result.recoveryKey).toMatch(keyPattern);
    expect(result.recoveryKey).not.toBe(recoveryKey);
    expect(await session.vault.get('note', 'n1')).toEqual({ kept: 'the same' });
    await session.lock('user');

    await expectKind(opens(location, { recoveryKey }), 'wrong-passphrase');
    await expectKind(opens(location, { passphrase: PASS }), 'wrong-passphrase');
    await opens(location, { passphrase: NEW_PASS });
    const types = await auditTypes(location, { recoveryKey: result.recoveryKey });
    expect(types).toEqual(expect.arrayContaining(['recovery', 'passphrase-change', 'recovery-key-renewal']));
    expect(types.indexOf('recovery-key-renewal')).toBeGreaterThan(types.indexOf('passphrase-change'));
  });

  it('changes nothing for a mistyped key or the key of another vault, and says which it was', async () => {
    const { location, recoveryKey, session } = await lockedVault();
    const before = await hashTree(location);
    const typo = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await expectKind(session.recover(typo, NEW_PASS), 'invalid-input')).toMatch(/typo/);
    expect(await expectKind(session.recover(recoveryKey.slice(5), NEW_PASS), 'invalid-input')).toMatch(
      /incomplete/,
    );
    expect(await expectKind(session.recover(await foreignKey(), NEW_PASS), 'wrong-passphrase')).toMatch(
      /typed correctly but does not open this vault/,
    );
    expect(await hashTree(location)).toEqual(before);
    expect((await session.status()).state).toBe('locked');
    await opens(location, { passphrase: PASS });
    await opens(location, { recoveryKey });
  });

  it('loses to a lock that comes in before the new passphrase is set: nothing changes', async () => {
    const { location, recoveryKey, session, sent } = await lockedVault();
    const refused = expectKind(session.recover(recoveryKey, NEW_PASS), 'locked');
    await session.lock('idle');
    expect(await refused).toMatch(/nothing changed/);
    expect(sent).toEqual([{ event: 'vault:locked', payload: { reason: 'idle' } }]);
    expect((await session.status()).state).toBe('locked');
    await opens(location, { passphrase: PASS });
    await opens(location, { recoveryKey });
  });

  it('is refused while the vault is unlocked', async () => {
    const { recoveryKey, session } = await lockedVault();
    await session.unlock({ passphrase: PASS });
    await expectKind(session.recover(recoveryKey, NEW_PASS), 'in-use');
  });

  it('goes through the router: the input is checked (a too short new passphrase changes nothing)', async () => {
    const { dataDir, location, recoveryKey } = await lockedVault();
    const backend = createBackend({ dataDir, emit: () => undefined, version: 'test' });
    onTestFinished(() => backend.dispose());
    const before = await hashTree(location);
    expect(await backend.router.call('vault:recover', { recoveryKey, newPassphrase: 'short' })).toMatchObject(
      {
        ok: false,
        error: { kind: 'invalid-input', message: expect.stringMatching(/too short/) },
      },
    );
    expect(
      await backend.router.call('vault:recover', { recoveryKey: '', newPassphrase: NEW_PASS }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringMatching(/Enter your recovery key/) },
    });
    expect(await hashTree(location)).toEqual(before);
    const done = await backend.router.call('vault:recover', { recoveryKey, newPassphrase: NEW_PASS });
    expect(done).toMatchObject({ ok: true, value: { recoveryKey: expect.stringMatching(keyPattern) } });
  });
});

describe('a new recovery key from Settings', () => {
  it('needs the current passphrase: a wrong one changes nothing', async () => {
    const { location, recoveryKey, session } = await lockedVault();
    await session.unlock({ passphrase: PASS });
    const header = (await hashTree(location))['attune-vault.json'];
    expect(await expectKind(renewRecoveryKey(session, 'not the passphrase'), 'wrong-passphrase')).toMatch(
      /not the current passphrase, so no new recovery key was made/,
    );
    expect((await hashTree(location))['attune-vault.json']).toBe(header);
    await session.lock('user');
    await opens(location, { recoveryKey });
  });

  it('gives a key that opens the vault; the old one no longer does; the vault stays unlocked', async () => {
    const { location, recoveryKey, session } = await lockedVault();
    await session.unlock({ passphrase: PASS });
    const renewed = await renewRecoveryKey(session, PASS);
    expect(renewed.status.state).toBe('unlocked');
    expect(renewed.recoveryKey).toMatch(keyPattern);
    expect(renewed.recoveryKey).not.toBe(recoveryKey);
    await session.lock('user');
    await expectKind(opens(location, { recoveryKey }), 'wrong-passphrase');
    expect(await auditTypes(location, { recoveryKey: renewed.recoveryKey })).toContain(
      'recovery-key-renewal',
    );
    await opens(location, { passphrase: PASS });
  });
});

describe('the passphrase methods through the router', () => {
  it('check their input: an empty passphrase or an unknown field is refused before anything runs', async () => {
    const { dataDir, location } = await lockedVault();
    const backend = createBackend({ dataDir, emit: () => undefined, version: 'test' });
    onTestFinished(() => backend.dispose());
    expect(await backend.router.call('vault:unlock', { passphrase: PASS })).toMatchObject({ ok: true });
    // The backend's session upgrades the vault to format 2 at unlock: its key files are the
    // marker and each computer's keys.json (the rest of the folder changes in the background).
    const keyFiles = async () => {
      const devices = await readdir(join(location, 'devices'));
      const names = ['attune-vault.json', ...devices.map((d) => join('devices', d, 'keys.json'))];
      return Promise.all(names.map(async (name) => [name, await readFile(join(location, name), 'hex')]));
    };
    const before = await keyFiles();
    expect(before.length).toBeGreaterThanOrEqual(2);
    for (const method of ['vault:renewRecoveryKey', 'vault:rotateKey'] as const) {
      expect(await backend.router.call(method, { passphrase: '' })).toMatchObject({
        ok: false,
        error: { kind: 'invalid-input', message: expect.stringMatching(/Enter a passphrase/) },
      });
      expect(await backend.router.call(method, { passphrase: PASS, dir: '/elsewhere' })).toMatchObject({
        ok: false,
        error: { kind: 'invalid-input', message: expect.stringMatching(/Unexpected field/) },
      });
    }
    expect(await keyFiles()).toEqual(before);
    const renewed = await backend.router.call('vault:renewRecoveryKey', { passphrase: PASS });
    expect(renewed).toMatchObject({ ok: true, value: { recoveryKey: expect.stringMatching(keyPattern) } });
  });
});

describe('rotating the vault key from Settings', () => {
  it('refuses a wrong passphrase without touching the files', async () => {
    const { location, session } = await lockedVault();
    await session.unlock({ passphrase: PASS });
    const before = await hashTree(location);
    expect(await expectKind(rotateKey(session, 'not the passphrase'), 'wrong-passphrase')).toMatch(
      /vault key was not rotated/,
    );
    expect(await hashTree(location)).toEqual(before);
    expect((await session.status()).state).toBe('unlocked');
  });

  it('re-encrypts, reports progress, refuses other calls meanwhile and opens again with the same passphrase', async () => {
    const { location, recoveryKey, session, sent, hooks } = await lockedVault();
    await session.unlock({ passphrase: PASS });
    const services = createServices(session, { clock: steppingClock() });
    await services.clients.create(clientInput('C-02'));
    const recordFiles = await hashTree(join(location, 'records'));
    const during: Array<Promise<string>> = [];
    hooks.onEvent = ({ event }) => {
      if (event === 'vault:progress' && during.length === 0)
        during.push(expectKind(services.clients.list(), 'in-use'));
    };
    const rotated = await rotateKey(session, PASS);
    expect(rotated.status.state).toBe('unlocked');
    expect(rotated.recoveryKey).toMatch(keyPattern);
    expect(rotated.recoveryKey).not.toBe(recoveryKey);
    expect(await during[0]).toMatch(/being rotated/);

    const progress = sent.filter((s) => s.event === 'vault:progress').map((s) => s.payload);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ task: 'rotate-key' });
    const last = progress.at(-1) as Events['vault:progress'];
    expect(last.done).toBe(last.total);
    expect(sent.some((s) => s.event === 'vault:locked')).toBe(false);

    // Open again in this process, with the records as they were.
    expect((await services.clients.list()).map((c) => c.code)).toEqual(['C-02']);
    expect(await session.vault.get('note', 'n1')).toEqual({ kept: 'the same' });
    await session.lock('user');
    const after = await hashTree(join(location, 'records'));
    for (const [name, hash] of Object.entries(recordFiles)) expect(after[name]).not.toBe(hash);
    await expectKind(opens(location, { recoveryKey }), 'wrong-passphrase');
    await opens(location, { recoveryKey: rotated.recoveryKey });
    // The copy kept aside is the old vault, under the old key.
    await opens(rotated.keptAside, { recoveryKey });
  });

  it('a lock during the rotation waits for it, then wins; the new key still comes back', async () => {
    const { location, session, sent, hooks } = await lockedVault();
    await session.unlock({ passphrase: PASS });
    const locking: Array<Promise<unknown>> = [];
    hooks.onEvent = ({ event }) => {
      if (event === 'vault:progress' && locking.length === 0) locking.push(session.lock('idle'));
    };
    const rotated = await rotateKey(session, PASS);
    await Promise.all(locking);
    expect(locking).toHaveLength(1);
    expect(rotated.status.state).toBe('locked');
    expect(sent.filter((s) => s.event === 'vault:locked')).toEqual([
      { event: 'vault:locked', payload: { reason: 'idle' } },
    ]);
    await expectKind(
      Promise.resolve().then(() => session.vault),
      'locked',
    );
    await opens(location, { recoveryKey: rotated.recoveryKey });
  });
});
