import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RefreshTarget, SyncedRefresh } from '../../../main/services/SyncedRefresh';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

/** A vault stand-in whose reads take a while and count how many run at once. */
async function slowTarget(applied = 1) {
  const dir = await mkdtemp(join(tmpdir(), 'attune-refresh-'));
  roots.push(dir);
  const counts = { calls: 0, running: 0, most: 0 };
  const target: RefreshTarget = {
    dir,
    deviceHex: 'a'.repeat(32),
    isLocked: false,
    async refresh() {
      counts.calls += 1;
      counts.running += 1;
      counts.most = Math.max(counts.most, counts.running);
      await new Promise((r) => setTimeout(r, 30));
      counts.running -= 1;
      return { applied };
    },
  };
  return { target, counts };
}

describe('SyncedRefresh', () => {
  it('never runs two reads at once; asks made during a read give one more read after it', async () => {
    const { target, counts } = await slowTarget();
    const heard: number[] = [];
    const refresh = new SyncedRefresh(target, (n) => heard.push(n), { everyMs: 0 });
    await Promise.all([refresh.now(), refresh.now(), refresh.now(), refresh.now()]);
    expect(counts.most).toBe(1);
    expect(counts.calls).toBe(2);
    expect(heard).toEqual([1, 1]);
    await refresh.stop();
  });

  it('tells nothing when nothing new was applied', async () => {
    const { target } = await slowTarget(0);
    const heard: number[] = [];
    const refresh = new SyncedRefresh(target, (n) => heard.push(n), { everyMs: 0 });
    await refresh.now();
    expect(heard).toEqual([]);
    await refresh.stop();
  });

  it('reads on its timer until stopped, then never again', async () => {
    const { target, counts } = await slowTarget();
    const refresh = new SyncedRefresh(target, () => undefined, { everyMs: 40 });
    refresh.start();
    await new Promise((r) => setTimeout(r, 250));
    expect(counts.calls).toBeGreaterThanOrEqual(2);
    await refresh.stop();
    const after = counts.calls;
    await new Promise((r) => setTimeout(r, 200));
    await refresh.now();
    expect(counts.calls).toBe(after);
    expect(counts.most).toBe(1);
  });

  it('a failed read is reported and the next one still runs', async () => {
    const { target, counts } = await slowTarget();
    let fail = true;
    const failing: RefreshTarget = {
      ...target,
      dir: target.dir,
      deviceHex: target.deviceHex,
      isLocked: false,
      refresh: async () => {
        if (fail) {
          fail = false;
          throw new Error('the folder is gone');
        }
        return target.refresh();
      },
    };
    const errors: unknown[] = [];
    const refresh = new SyncedRefresh(failing, () => undefined, {
      everyMs: 0,
      onError: (e) => errors.push(e),
    });
    await refresh.now();
    await refresh.now();
    expect(errors).toHaveLength(1);
    expect(counts.calls).toBe(1);
    await refresh.stop();
  });
});
