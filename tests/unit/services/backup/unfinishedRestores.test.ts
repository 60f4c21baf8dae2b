import { lutimes, mkdir, readdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { expect, onTestFinished, test, vi } from 'vitest';
import { VaultSession } from '../../../../main/services/VaultSession';
import { makeVault, PASS } from '../serviceKit';

/**
 * A restore cut short (a crash, a kill) leaves `vault.restoring-<hex>` beside the vault: a full
 * encrypted copy of the records, perhaps inside a synced folder. Before, only the next restore
 * removed it; now an unlock does too, once it has been left untouched for an hour (a restore run
 * by the command line may be preparing one at that moment).
 */
test('an unlock removes a restore’s folder left for an hour beside the vault, and leaves a fresh one and anything else', async () => {
  const { location } = await makeVault(undefined, 2);
  const parent = dirname(location);
  const name = basename(location);
  const old = join(parent, `${name}.restoring-0badc0de`);
  const fresh = join(parent, `${name}.restoring-12345678`);
  for (const dir of [old, fresh]) {
    await mkdir(join(dir, 'devices'), { recursive: true });
    await writeFile(join(dir, 'attune-vault.json'), '{}');
  }
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
  await utimes(old, twoHoursAgo, twoHoursAgo);
  // A link named like one, pointing at a folder of the user's: the link goes, never its target.
  const mine = join(parent, 'my-documents');
  await mkdir(mine);
  await writeFile(join(mine, 'keep.txt'), 'mine');
  // A sibling vault's (`vault-work`), however old, is not this vault's.
  const sibling = join(parent, `${name}-work.restoring-0badc0de`);
  await mkdir(sibling);
  await utimes(sibling, twoHoursAgo, twoHoursAgo);
  const link = join(parent, `${name}.restoring-feedface`);
  await symlink(mine, link);
  await lutimes(link, twoHoursAgo, twoHoursAgo);

  const session = new VaultSession(location, () => undefined);
  await session.unlock({ passphrase: PASS });
  onTestFinished(() => session.lock('quit').then(() => undefined));

  // Removed in the background after the unlock's answer, one after the other in the order the
  // folder lists them: both awaited (waiting for the folder alone failed when the link came last).
  await vi.waitFor(async () => {
    const now = await readdir(parent);
    expect(now).not.toContain(basename(old));
    expect(now).not.toContain(basename(link));
  });
  const left = await readdir(parent);
  expect(left).toContain(basename(fresh));
  expect(left).toContain(name);
  expect(left).toContain(basename(sibling));
  expect(await readdir(mine)).toEqual(['keep.txt']);
});
