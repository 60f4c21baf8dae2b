import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './harness';
import { createVault, expectAccessible, goTo, passphrase, unlock } from './steps';

// Backups through the screens with the real backup engine behind them: a folder chosen in the
// (stand-in) folder dialog, a verified backup on choosing it and on every lock, the status on the
// lock screen, and a restore of an older generation that keeps the current vault aside.
test('backups: choose a folder, back up on lock, see the status, restore an older backup', async ({
  page,
  openApp,
  dataDir,
  fileChooser,
}, testInfo) => {
  test.setTimeout(240_000);
  const backupDir = join(dataDir, 'usb-drive');
  await mkdir(backupDir);
  await openApp();
  await createVault(page);

  await test.step('with no backup folder the workspace warns, and Settings says why', async () => {
    const banner = page.getByRole('complementary', { name: 'Backup warning' });
    await expect(banner).toContainText('No backup folder is set');
    await banner.getByRole('button', { name: 'Open backup settings' }).click();
    // Taken to the Backups section itself (below the other settings), not to the top of the page.
    const backups = page.getByRole('heading', { name: 'Backups' });
    await expect(backups).toBeFocused();
    await expect(backups).toBeInViewport();
    await expect(page.getByText('None chosen')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back up now' })).toBeDisabled();
  });

  await test.step('choosing the folder writes a first verified backup', async () => {
    fileChooser.choose(backupDir);
    await page.getByRole('button', { name: 'Choose backup folder…' }).click();
    await expect(page.getByText(backupDir, { exact: true })).toBeVisible();
    await expect(page.getByText(/Last backup: just now · verified/)).toBeVisible({ timeout: 60_000 });
    // The button, disabled while the backup ran, has the focus back (not the page's body).
    await expect(page.getByRole('button', { name: 'Change backup folder…' })).toBeFocused();
    expect(fileChooser.asked).toContain('backup-folder');
    await expectAccessible(page, 'settings with backups');
    await page.screenshot({ path: testInfo.outputPath('settings-backups.png'), fullPage: true });
  });

  await test.step('the warning age is validated and saved', async () => {
    const days = page.getByLabel('Warn me when the last verified backup is older than (days)');
    await days.fill('0');
    await page.getByRole('button', { name: 'Save warning' }).click();
    await expect(page.getByText('Enter a number of days from 1 to 365.')).toBeVisible();
    await days.fill('3');
    await page.getByRole('button', { name: 'Save warning' }).click();
    await expect(page.getByText(/older than 3 days/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save warning' })).toBeFocused();
  });

  await test.step('"Back up now" writes a verified backup and keeps the focus', async () => {
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByText('Backup written and verified.')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('button', { name: 'Back up now' })).toBeFocused();
  });

  await test.step('a client added, then a lock writes another verified backup', async () => {
    await page.getByRole('button', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByLabel('Client code').fill('C-701');
    await page.getByRole('button', { name: 'Save client' }).click();
    await expect(page.getByRole('heading', { name: /C-701/, level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
    await expect(page.getByText(/Last backup: just now · verified/)).toBeVisible({ timeout: 60_000 });
  });

  const [setDir] = await test.step('the backup folder holds generations, and no plaintext', async () => {
    const root = join(backupDir, 'Attune backups');
    const sets = await readdir(root);
    expect(sets).toHaveLength(1);
    const generations = (await readdir(join(root, sets[0] ?? ''))).filter((n) => /^\d{4}-/.test(n));
    expect(generations.length).toBeGreaterThanOrEqual(2);
    for (const generation of generations) {
      const header = await readFile(join(root, sets[0] ?? '', generation, 'attune-vault.json'), 'utf8');
      expect(header).toContain('"format": "attune-vault"');
      expect(header).not.toContain('C-701');
    }
    return [join(root, sets[0] ?? '')];
  });
  expect((await stat(setDir)).isDirectory()).toBe(true);

  await test.step('restore from the unlock screen lists the backups with their counts', async () => {
    await page.getByRole('button', { name: 'Restore from a backup…' }).click();
    await expect(page.getByRole('heading', { name: 'Restore from a backup' })).toBeVisible();
    await page.getByRole('button', { name: 'Find backups' }).click();
    await expect(page.getByText(/Enter the passphrase the vault had/)).toBeVisible();
    await page.getByLabel('Passphrase', { exact: true }).fill('not the passphrase at all');
    await page.getByRole('button', { name: 'Find backups' }).click();
    await expect(page.getByRole('alert')).toContainText(/passphrase/i, { timeout: 60_000 });
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: 'Find backups' }).click();
    const list = page.getByRole('group', { name: 'Backups of this vault' });
    await expect(list).toBeVisible({ timeout: 60_000 });
    await expect(list.getByRole('radio', { name: /1 client/ })).toHaveCount(1);
    await expect(list.getByRole('radio', { name: /0 clients/ }).first()).toBeVisible();
    // The newest (the vault as it was at its last lock) is named: restoring it undoes a restore.
    await expect(list.getByRole('radio', { name: /the newest\) — 1 client/ })).toHaveCount(1);
    await expectAccessible(page, 'restore: choose a backup');
    await page.screenshot({ path: testInfo.outputPath('restore-list.png'), fullPage: true });
  });

  await test.step('restoring the older backup keeps the current vault aside and opens the restored one', async () => {
    await page
      .getByRole('group', { name: 'Backups of this vault' })
      .getByRole('radio', { name: /0 clients/ })
      .first()
      .check();
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    const done = page.getByText('The backup was checked and restored.');
    await expect(done).toBeVisible({ timeout: 90_000 });
    const kept = await page.locator('code.path').last().textContent();
    expect(kept).toMatch(/vault/);
    expect((await stat(kept ?? '')).isDirectory()).toBe(true);
    expect(await readdir(kept ?? '')).toContain('attune-vault.json');
    await page.getByRole('button', { name: 'Open Attune' }).click();
    await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
    await goTo(page, 'Clients');
    await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'C-701' })).toHaveCount(0);
  });

  await test.step('the restored vault locks and unlocks with the same passphrase', async () => {
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
    await unlock(page);
  });

  await test.step('from Settings, the restore screen says Attune locked the vault; Escape leaves it', async () => {
    await goTo(page, 'Settings');
    await page.getByRole('button', { name: 'Restore from a backup…' }).click();
    await expect(page.getByText('Attune locked your vault to restore safely')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  });
});
