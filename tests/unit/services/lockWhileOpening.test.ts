import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VaultSession } from '../../../main/services/VaultSession';
import { LOCK_FILE } from '../../../main/vault/processLock';
import type { EventName, Events } from '../../../shared/ipc/events';
import { tempDir } from '../helpers/tempDir';
import { expectKind, makeVault, openAsThisComputer, PASS } from './serviceKit';

/** A session over `location` that records the events it sends. */
function recordingSession(location: string, lockGraceMs?: number) {
  const events: [EventName, Events[EventName]][] = [];
  const session = new VaultSession(location, (event, payload) => events.push([event, payload]), lockGraceMs);
  return { session, events };
}

/** The vault is closed for good: no process lock left, and another opener gets in. */
async function expectClosed(location: string): Promise<void> {
  expect(existsSync(join(location, LOCK_FILE)), 'the process lock is released').toBe(false);
  const again = await openAsThisComputer(location);
  await again.lock();
}

describe('a lock that arrives while the vault is opening', () => {
  it.each(['user', 'idle'] as const)(
    'wins over unlock (%s): the unlock fails with locked',
    async (reason) => {
      const { location } = await makeVault(undefined, 2);
      const { session, events } = recordingSession(location);

      const unlocking = session.unlock({ passphrase: PASS });
      const locking = session.lock(reason);

      const message = await expectKind(unlocking, 'locked');
      expect(message).toBe('The vault was locked while it was opening. Unlock again.');
      expect(await locking).toEqual({ state: 'locked', location });
      expect(events).toEqual([['vault:locked', { reason }]]);
      expect(() => session.vault).toThrow(/locked/);
      await expectClosed(location);

      // Nothing is left behind: the next unlock works as usual.
      expect(await session.unlock({ passphrase: PASS })).toEqual({ state: 'unlocked', location });
      await session.lock('quit');
    },
  );

  it('wins over unlock when the OS asks (suspend), without waiting for the renderer', async () => {
    const { location } = await makeVault(undefined, 2);
    const { session, events } = recordingSession(location, 60_000);

    const unlocking = session.unlock({ passphrase: PASS });
    const started = Date.now();
    const locking = session.requestLock('suspend');

    await expectKind(unlocking, 'locked');
    expect(await locking).toEqual({ state: 'locked', location });
    expect(Date.now() - started).toBeLessThan(30_000); // not the 60 s grace for drafts
    expect(events).toEqual([['vault:locked', { reason: 'suspend' }]]);
    await expectClosed(location);
  });

  it('wins over create: the vault exists and is closed, and the recovery key is still handed over', async () => {
    const location = join(await tempDir('attune-services-'), 'vault');
    const { session, events } = recordingSession(location);

    const creating = session.create(PASS);
    const locking = session.lock('screen-lock');

    const created = await creating;
    expect(created.status).toEqual({ state: 'locked', location });
    expect(await locking).toEqual({ state: 'locked', location });
    expect(events).toEqual([['vault:locked', { reason: 'screen-lock' }]]);
    await expectClosed(location);
    const recovered = await openAsThisComputer(location, { recoveryKey: created.recoveryKey });
    await recovered.lock();
  });

  it('keeps the reason of a wrong passphrase, and still reports the lock', async () => {
    const { location } = await makeVault(undefined, 2);
    const { session, events } = recordingSession(location);

    const unlocking = session.unlock({ passphrase: 'not the passphrase' });
    const locking = session.lock('idle');

    await expectKind(unlocking, 'wrong-passphrase');
    expect(await locking).toEqual({ state: 'locked', location });
    expect(events).toEqual([['vault:locked', { reason: 'idle' }]]);
    expect(existsSync(join(location, LOCK_FILE))).toBe(false);
  });

  it('refuses a second unlock while the first is still opening', async () => {
    const { location } = await makeVault(undefined, 2);
    const { session } = recordingSession(location);

    const first = session.unlock({ passphrase: PASS });
    await expectKind(session.unlock({ passphrase: PASS }), 'in-use');
    expect(await first).toEqual({ state: 'unlocked', location });
    await session.lock('quit');
  });
});
