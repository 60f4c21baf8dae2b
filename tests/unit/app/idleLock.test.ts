import { afterEach, describe, expect, test, vi } from 'vitest';
import { autoLockMinutesOf, IDLE_POLL_MS, idleLockDue, wireIdleLock } from '../../../main/app/idleLock';
import type { LockReason } from '../../../shared/ipc/events';

afterEach(() => {
  vi.useRealTimers();
});

describe('idleLockDue', () => {
  test.each([
    [0, 10, false],
    [599, 10, false],
    [600, 10, true],
    [3600, 10, true],
    [60, 1, true],
    [59, 1, false],
  ])('idle %i s with auto-lock at %i min → %s', (idle, minutes, due) => {
    expect(idleLockDue(idle, minutes)).toBe(due);
  });

  test('never when the setting is unknown or not a positive number', () => {
    for (const minutes of [null, 0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(idleLockDue(1_000_000, minutes)).toBe(false);
    }
  });
});

describe('autoLockMinutesOf', () => {
  test('reads the minutes from a settings answer', () => {
    expect(autoLockMinutesOf({ ok: true, value: { autoLockMinutes: 15, clinicianName: 'x' } })).toBe(15);
  });

  test('null when the vault is locked or the answer has no number', () => {
    expect(autoLockMinutesOf({ ok: false, error: { kind: 'locked', message: 'locked' } })).toBeNull();
    expect(autoLockMinutesOf({ ok: true, value: null })).toBeNull();
    expect(autoLockMinutesOf({ ok: true, value: { autoLockMinutes: '15' } })).toBeNull();
  });
});

function recorder(options: { fail?: boolean } = {}) {
  const locks: LockReason[] = [];
  return {
    locks,
    backend: {
      lock: async (reason: LockReason) => {
        locks.push(reason);
        if (options.fail) throw new Error('disk gone');
      },
    },
  };
}

describe('wireIdleLock', () => {
  test('checks every 30 s and locks once the machine has been idle for the auto-lock time', async () => {
    vi.useFakeTimers();
    const clock = {
      idle: 0,
      getSystemIdleTime() {
        return this.idle;
      },
    };
    const { backend, locks } = recorder();
    wireIdleLock(clock, async () => 2, backend);

    clock.idle = 120;
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS - 1);
    expect(locks).toEqual([]); // not checked yet
    await vi.advanceTimersByTimeAsync(1);
    expect(locks).toEqual(['idle']);
    expect(IDLE_POLL_MS).toBe(30_000);
  });

  test('does nothing while the machine is in use, or while the vault is locked (no setting)', async () => {
    vi.useFakeTimers();
    const clock = {
      idle: 30,
      getSystemIdleTime() {
        return this.idle;
      },
    };
    let minutes: number | null = 1;
    const { backend, locks } = recorder();
    wireIdleLock(clock, async () => minutes, backend);
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS * 3);
    expect(locks).toEqual([]);
    minutes = null;
    clock.idle = 10_000;
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS * 3);
    expect(locks).toEqual([]);
  });

  test('a failing lock or settings read is reported, and checking goes on', async () => {
    vi.useFakeTimers();
    const report = vi.fn();
    const clock = { getSystemIdleTime: () => 10_000 };
    const { backend, locks } = recorder({ fail: true });
    let reads = 0;
    wireIdleLock(
      clock,
      async () => {
        reads += 1;
        if (reads === 1) throw new Error('settings unreadable');
        return 1;
      },
      backend,
      { report },
    );
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS * 2);
    expect(report).toHaveBeenCalledWith(
      'lock on idle',
      expect.objectContaining({ message: 'settings unreadable' }),
    );
    expect(report).toHaveBeenCalledWith('lock on idle', expect.objectContaining({ message: 'disk gone' }));
    expect(locks).toEqual(['idle']);
  });

  test('the returned function stops the checks', async () => {
    vi.useFakeTimers();
    const { backend, locks } = recorder();
    const stop = wireIdleLock({ getSystemIdleTime: () => 10_000 }, async () => 1, backend);
    stop();
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS * 3);
    expect(locks).toEqual([]);
  });
});
