import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './harness';
import { seedDemoVault } from './seed';
import { expectAccessible, passphrase } from './steps';

// Issue 11: an upgrade to format 2 that cannot run (here: a record of the format-1 vault damaged
// on disk, which the upgrade refuses to carry over as if it were sound) is told on the unlock
// screen, in plain words, and the vault then opens as before.
test('a failed upgrade is shown on the unlock screen, then the vault opens as before', async ({
  page,
  openApp,
  dataDir,
}) => {
  test.setTimeout(120_000);
  const vaultDir = join(dataDir, 'vault');
  const seeded = await seedDemoVault(dataDir, { clients: 3, sessionsPerClient: 2, seed: 5, format: 1 });
  const records = (await readdir(join(vaultDir, 'records'))).sort();
  const damaged = join(vaultDir, 'records', records.at(-1)!);
  const bytes = await readFile(damaged);
  bytes[bytes.length - 5]! ^= 1;
  await writeFile(damaged, bytes);
  await openApp();

  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Your vault was not updated' })).toBeVisible({
    timeout: 60_000,
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Attune could not upgrade this vault to the new format:');
  await expect(alert).toContainText('Your notes are safe and open as before');
  await expectAccessible(page, 'the notice of a failed upgrade');
  // Nothing changed on disk: still format 1, no copy beside it.
  expect(JSON.parse(await readFile(join(vaultDir, 'attune-vault.json'), 'utf8')).version).toBe(1);
  expect((await readdir(dataDir)).filter((n) => n.startsWith('vault ('))).toEqual([]);

  await page.getByRole('button', { name: 'Continue to your notes' }).click();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
  // The clients are there, but the one whose file was damaged (the last record file, which can be
  // any client's: ids are random): at least one of them is listed.
  const codes = new RegExp(`^(${seeded.clients.map((c) => c.code).join('|')})$`);
  await expect(page.getByRole('navigation', { name: 'Clients' }).getByText(codes).first()).toBeVisible();
});
