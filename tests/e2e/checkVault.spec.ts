import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { createVault, expectAccessible, passphrase, unlock } from './steps';

// Check the vault through Settings, over the real check and backups behind it: a healthy vault
// reads "No problems found"; a note whose file is damaged on disk while the app is open is then
// named by its session date and client, never by a file name, with what to do about it; and it
// is put back from the backups, after which the check finds nothing.

const recordFiles = async (dataDir: string) => new Set(await readdir(join(dataDir, 'vault', 'records')));

async function lockAndUnlock(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  // Locking runs a backup first: wait for the unlock screen before typing into it.
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible({ timeout: 60_000 });
  await unlock(page);
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Check the vault' })).toBeVisible();
}

test('check the vault: healthy, then a damaged note named in words and restored from the backups', async ({
  page,
  openApp,
  dataDir,
  fileChooser,
}, testInfo) => {
  test.setTimeout(180_000);
  const section = page.getByRole('region', { name: 'Check the vault' });
  let noteFile = '';

  await test.step('a backup folder, then a client, a session and its note, each written to its file', async () => {
    await openApp();
    await createVault(page);
    const backupDir = join(dataDir, 'usb-drive');
    await mkdir(backupDir);
    fileChooser.choose(backupDir);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Choose backup folder…' }).click();
    await expect(page.getByText(/Last backup: just now · verified/)).toBeVisible({ timeout: 60_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByLabel('Client code').fill('C-014');
    await page.getByLabel('Display name (optional)').fill('Rose M.');
    await page.getByRole('button', { name: 'Save client' }).click();
    await page.getByRole('button', { name: 'New session' }).click();
    await page.getByLabel('Date and time').fill('2026-03-05T10:00');
    await page.getByRole('button', { name: 'Save session' }).click();
    // Locking writes every record to its own file; the note's file is the one its save adds.
    await lockAndUnlock(page);
    const before = await recordFiles(dataDir);
    await page.getByRole('button', { name: 'C-014', exact: true }).click();
    await page.getByRole('button', { name: /^New note/ }).click();
    await expect(page.getByRole('heading', { name: /^Session note · C-014/ })).toBeVisible();
    await lockAndUnlock(page); // and a backup on lock, which now holds the note
    const added = [...(await recordFiles(dataDir))].filter((f) => !before.has(f));
    expect(added).toHaveLength(1);
    noteFile = added[0]!;
  });

  await test.step('a healthy vault: "No problems found", after progress', async () => {
    // The app shows the note, as it would after unlocking; then Settings.
    await page.getByRole('button', { name: 'C-014', exact: true }).click();
    await page.getByRole('button', { name: /^Open note/ }).click();
    await expect(page.getByRole('heading', { name: /^Session note · C-014/ })).toBeVisible();
    await openSettings(page);
    await section.getByRole('button', { name: 'Check the vault' }).click();
    await expect(section.getByText('No problems found.')).toBeVisible({ timeout: 30_000 });
    await expect(section).toContainText(/All \d+ records were checked/);
    await expectAccessible(page, 'settings after a check with no problems');
  });

  await test.step('a note damaged on disk is named by its session date and client, with what to do', async () => {
    const path = join(dataDir, 'vault', 'records', noteFile);
    const bytes = await readFile(path);
    bytes[bytes.length - 3]! ^= 0x01;
    await writeFile(path, bytes);

    await section.getByRole('button', { name: 'Check the vault' }).click();
    await expect(section.getByRole('heading', { name: /Problems found: 1 record is damaged/ })).toBeVisible({
      timeout: 30_000,
    });
    const damaged = section.getByRole('list', { name: 'Damaged records' }).getByRole('listitem');
    await expect(damaged).toHaveCount(1);
    await expect(damaged).toHaveText(
      'The note of the session of Mar 5, 2026 for client C-014 (Rose M.) is damaged and cannot be read, for example by a disk fault or a copy cut short.',
    );
    await expect(section).not.toContainText(noteFile.slice(0, 12));
    await expect(section).not.toContainText('.rec');
    await expect(section.getByRole('heading', { name: 'What to do' })).toBeVisible();
    await expect(section).toContainText(/Restore the affected records from your backups: Attune takes each/);
    await expectAccessible(page, 'settings with a check that found damage');
    await section.screenshot({ path: testInfo.outputPath('check-vault-damage.png') });
    await page.screenshot({ path: testInfo.outputPath('settings-check-vault.png'), fullPage: true });
  });

  await test.step('after the next unlock the rest loads, and a notice names what could not be read', async () => {
    await lockAndUnlock(page);
    await expect(page.getByRole('button', { name: 'C-014', exact: true })).toBeVisible();
    const notice = page.getByRole('complementary', { name: 'Damaged records' });
    await expect(notice).toContainText(
      'Attune could not read 1 note: its file is damaged or missing on this computer. Everything else is shown.',
    );
    await expectAccessible(page, 'workspace with a damaged record');
    await notice.getByRole('button', { name: 'Check the vault' }).click();
    await expect(page.getByRole('heading', { name: 'Check the vault' })).toBeVisible();
    await section.getByRole('button', { name: 'Check the vault' }).click();
    await expect(section.getByRole('heading', { name: /Problems found: 1 record is damaged/ })).toBeVisible({
      timeout: 30_000,
    });
  });

  await test.step('the note is restored from the backups, and the check then finds nothing', async () => {
    const repair = section.getByRole('form', { name: 'Restore the affected records from your backups' });
    await repair.getByRole('button', { name: 'Restore the affected records' }).click();
    await expect(repair.getByRole('alert')).toHaveText('Enter the passphrase of your backups.');
    await repair.getByLabel(/Passphrase of your backups/).fill('not the passphrase of these backups');
    await repair.getByRole('button', { name: 'Restore the affected records' }).click();
    await expect(repair.getByRole('alert')).toContainText('That passphrase opens none of your backups', {
      timeout: 30_000,
    });
    await repair.getByLabel(/Passphrase of your backups/).fill(passphrase);
    await repair.getByRole('button', { name: 'Restore the affected records' }).click();
    const restored = section.getByRole('list', { name: 'Restored records' }).getByRole('listitem');
    await expect(restored).toHaveText(
      /^The note of the session of Mar 5, 2026 for client C-014 \(Rose M\.\): restored from the backup of /,
      { timeout: 30_000 },
    );
    await expect(section.getByText('No problems found.')).toBeVisible();
    await expect(repair).toHaveCount(0);
    await expectAccessible(page, 'settings after restoring records');
    await section.screenshot({ path: testInfo.outputPath('check-vault-restored.png') });
    // The note opens again, and the notice is gone.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Clients' }).click();
    await expect(page.getByRole('complementary', { name: 'Damaged records' })).toHaveCount(0);
    await page.getByRole('button', { name: 'C-014', exact: true }).click();
    await page.getByRole('button', { name: /^Open note/ }).click();
    await expect(page.getByRole('heading', { name: /^Session note · C-014/ })).toBeVisible();
  });
});
