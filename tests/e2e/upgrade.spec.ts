import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect, test } from './harness';
import { seedDemoVault } from './seed';
import { expectAccessible, passphrase } from './steps';

/** The upgrade rewrites every record; on a busy machine that takes a while. */
const SLOW = { timeout: 60_000 };

const updating =
  'Updating your vault to the new format so it can be used on several computers. A copy of the old vault is kept beside it.';

// Issue 11: a vault an older Attune left (format 1) is upgraded to format 2 when it is unlocked,
// with its progress on the unlock screen, then a one-time notice of where the old copy is kept.
test('a format-1 vault is upgraded at unlock: progress, then where the old copy is; it opens with its records', async ({
  page,
  openApp,
  dataDir,
}) => {
  test.setTimeout(120_000);
  const vaultDir = join(dataDir, 'vault');
  // Enough records that the upgrade lasts long enough for its progress to be drawn.
  const seeded = await seedDemoVault(dataDir, { clients: 12, sessionsPerClient: 25, seed: 3, format: 1 });
  await openApp();

  // Every text the unlock screen shows while unlocking, kept as it appears (it may be brief).
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { __seen: Set<string> }).__seen = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[role="status"] p, [role="status"] label')) {
        seen.add((el.textContent ?? '').replace(/\s+/g, ' ').trim());
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();

  await expect(page.getByRole('heading', { name: 'Your vault was updated' })).toBeVisible(SLOW);
  const seen = await page.evaluate(() => [...(window as unknown as { __seen: Set<string> }).__seen]);
  expect(seen).toContain(updating);
  expect(seen.some((text) => /^Updating: [\d,]+ of [\d,]+ records$/.test(text))).toBe(true);

  // The notice names the copy beside the vault, which is the old format-1 vault.
  const copy = (await page.getByTestId('format1-copy').textContent())?.trim() ?? '';
  expect(dirname(copy)).toBe(dataDir);
  expect(copy).toMatch(/vault \(format 1 copy \d{4}-\d\d-\d\d \d\d-\d\d\)$/);
  expect(existsSync(join(copy, 'records'))).toBe(true);
  expect(JSON.parse(await readFile(join(copy, 'attune-vault.json'), 'utf8')).version).toBe(1);
  expect(JSON.parse(await readFile(join(vaultDir, 'attune-vault.json'), 'utf8')).version).toBe(2);
  await expect(page.getByText('you can remove it in Settings → Where the vault lives')).toBeVisible();
  await expectAccessible(page, 'the notice after the upgrade');

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
  const first = seeded.clients[0]!;
  await expect(page.getByText(first.code).first()).toBeVisible();

  // Settings → Where the vault lives lists the copy, to remove once the user has checked.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Where the vault lives' });
  await expect(section.getByText(copy)).toBeVisible();

  // Told once: the next unlock opens the workspace directly.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible(SLOW);
  await expect(page.getByRole('heading', { name: 'Your vault was updated' })).toHaveCount(0);
});
