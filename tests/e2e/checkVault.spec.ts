import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { createVault, expectAccessible, openClientFromSidebar, passphrase, unlock } from './steps';

// Check the vault through Settings, over the real check and backups behind it, on the vault the
// app makes (format 2, FORMAT.md): a healthy vault reads "No problems found"; when the part of
// this computer's change log that holds a note is damaged on disk while the app is open, the note
// is named by its session date and client, never by a file name, and the backups are offered:
// the note is restored from the backup made on lock, as a new version (the unit tests of both
// formats: tests/unit/services/vaultCheck.test.ts and syncedRepair.test.ts).

/** This computer's newest change-log segment (its id is in the app's settings). */
async function ownSegment(dataDir: string): Promise<string> {
  const { device } = JSON.parse(await readFile(join(dataDir, 'attune-device.json'), 'utf8'));
  const folder = join(dataDir, 'vault', 'devices', device.id);
  const logs = (await readdir(folder)).filter((name) => /^log-\d{6}\.bin$/.test(name)).sort();
  return join(folder, logs.at(-1)!);
}

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

test('check the vault: healthy, then a damaged note named in words, and restored from the backup', async ({
  page,
  openApp,
  dataDir,
  fileChooser,
}, testInfo) => {
  test.setTimeout(360_000); // three lock-and-unlocks with the real KDF, a backup on each lock, and the restore's reopen
  const section = page.getByRole('region', { name: 'Check the vault' });
  let segment = '';
  let noteBytes = { from: 0, to: 0 };

  await test.step('a backup folder, then a client, a session and its note, each written to its file', async () => {
    await openApp();
    await createVault(page);
    // A new vault has nothing to check yet, and says so in words (it once read "All 0 records").
    await openSettings(page);
    await section.getByRole('button', { name: 'Check the vault' }).click();
    await expect(section).toContainText('No problems found. The vault holds no records yet', {
      timeout: 30_000,
    });
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
    await lockAndUnlock(page);
    // The note's change is what its creation appends to this computer's log.
    segment = await ownSegment(dataDir);
    const before = (await stat(segment)).size;
    await openClientFromSidebar(page, 'C-014');
    await page.getByRole('button', { name: /^New note/ }).click();
    await expect(page.getByRole('heading', { name: /^Session note · C-014/ })).toBeVisible();
    await expect.poll(async () => (await stat(segment)).size).toBeGreaterThan(before);
    noteBytes = { from: before, to: (await stat(segment)).size };
    await lockAndUnlock(page); // and a backup on lock, which now holds the note
  });

  await test.step('a healthy vault: "No problems found", after progress', async () => {
    // The app shows the note, as it would after unlocking; then Settings.
    await openClientFromSidebar(page, 'C-014');
    await page.getByRole('button', { name: /^Open note/ }).click();
    await expect(page.getByRole('heading', { name: /^Session note · C-014/ })).toBeVisible();
    await openSettings(page);
    await section.getByRole('button', { name: 'Check the vault' }).click();
    await expect(section.getByText('No problems found.')).toBeVisible({ timeout: 30_000 });
    await expect(section).toContainText(/All \d+ records were checked/);
    await expectAccessible(page, 'settings after a check with no problems');
  });

  await test.step('a note damaged on disk is named by its session date and client; the backups are offered', async () => {
    const bytes = await readFile(segment);
    const at = (noteBytes.from + noteBytes.to) >> 1;
    bytes[at]! ^= 0x01;
    await writeFile(segment, bytes);

    await section.getByRole('button', { name: 'Check the vault' }).click();
    await expect(section.getByRole('heading', { name: /Problems found/ })).toBeVisible({ timeout: 30_000 });
    // The button, disabled while the check ran, has the focus back (not the page's body).
    await expect(section.getByRole('button', { name: 'Check the vault' })).toBeFocused();
    const damaged = section.getByRole('list', { name: 'Damaged records' }).getByRole('listitem');
    await expect(damaged.first()).toContainText(
      'The note of the session of Mar 5, 2026 for client C-014 (Rose M.)',
    );
    await expect(section).not.toContainText('log-0');
    await expect(section.getByRole('heading', { name: 'What to do' })).toBeVisible();
    await expect(section).toContainText('Restore the affected records from your backups');
    await expect(
      section.getByRole('form', { name: 'Restore the affected records from your backups' }),
    ).toBeVisible();
    await expectAccessible(page, 'settings with a check that found damage');
    await section.screenshot({ path: testInfo.outputPath('check-vault-damage.png') });
  });

  await test.step('the note is restored from the backup, and the check names no damaged record', async () => {
    const form = section.getByRole('form', { name: 'Restore the affected records from your backups' });
    await form.getByLabel('Passphrase of your backups (usually your current passphrase)').fill(passphrase);
    await form.getByRole('button', { name: 'Restore the affected records' }).click();
    const restored = section.getByRole('list', { name: 'Restored records' });
    await expect(restored).toBeVisible({ timeout: 60_000 });
    await expect(restored.getByRole('listitem')).toHaveText([
      /^The note of the session of Mar 5, 2026 for client C-014 \(Rose M\.\): restored from the backup of /,
    ]);
    await expect(section.getByRole('list', { name: 'Damaged records' })).toHaveCount(0);
    // The damaged part of the log stays on record, as repaired (FORMAT.md §9.1), not as a failure.
    await expect(section.getByText('No problems found.')).toBeVisible();
    await expect(section.getByRole('list', { name: 'Repairs on record' })).toContainText(
      /was damaged\. The records it held were restored from backups on \d{4}-\d{2}-\d{2}/,
    );
    await expectAccessible(page, 'settings after records were restored');
    await section.screenshot({ path: testInfo.outputPath('check-vault-restored.png') });
    // The restored note opens, and stays after a lock.
    await lockAndUnlock(page);
    await openClientFromSidebar(page, 'C-014');
    await page.getByRole('button', { name: /^Open note/ }).click();
    await expect(page.getByRole('heading', { name: /^Session note · C-014/ })).toBeVisible();
  });

  await test.step('backups work again: the backup made on that lock succeeded and was verified', async () => {
    await openSettings(page);
    await expect(page.getByText(/Last backup: just now · verified/)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/The last backup failed/)).toHaveCount(0);
  });
});
