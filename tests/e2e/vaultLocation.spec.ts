import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './harness';
import { createVault, expectAccessible, passphrase, unlock } from './steps';

/** Argon2id at the real settings takes about a second per derivation here; a busy machine, more. */
const SLOW = { timeout: 60_000 };

// Where the vault lives, through the screens: a folder chosen at first run, shown in Settings and
// in the file manager, then a move to another folder and an unlock there; the old copy is kept
// until it is removed.
test('vault location: choose it at first run, show it, move the vault, unlock at the new place', async ({
  page,
  openApp,
  fileChooser,
  secondProfile,
}, testInfo) => {
  test.setTimeout(240_000);
  const elsewhere = await mkdtemp(join(tmpdir(), 'attune-e2e-place-'));
  try {
    const chosen = join(elsewhere, 'Clinical records');
    const target = join(elsewhere, 'external drive', 'Attune vault');
    await mkdir(join(elsewhere, 'external drive'));

    await test.step('first run: a folder that is not empty is refused, an empty one is taken', async () => {
      await openApp();
      await expect(page.getByText(/The vault will be created in .*\/vault/)).toBeVisible();
      fileChooser.choose(join(elsewhere, 'external drive', '..'));
      await page.getByRole('button', { name: 'Choose another folder…' }).click();
      await expect(page.getByRole('alert')).toContainText('not empty');
      fileChooser.choose(chosen);
      await page.getByRole('button', { name: 'Choose another folder…' }).click();
      await expect(page.getByText(`The vault will be created in ${chosen}.`)).toBeVisible();
      expect(fileChooser.asked).toEqual(['vault-location', 'vault-location']);
      await expectAccessible(page, 'first run with a chosen folder');
      await page.screenshot({ path: testInfo.outputPath('first-run-folder.png'), fullPage: true });
      await createVault(page);
      expect(existsSync(join(chosen, 'attune-vault.json'))).toBe(true);
    });

    const section = page.getByRole('region', { name: 'Where the vault lives' });
    await test.step('Settings shows the folder and shows it in the file manager', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
      await expect(section.getByTestId('vault-location')).toHaveText(chosen);
      await section.getByRole('button', { name: 'Show in file manager' }).click();
      await expect.poll(() => fileChooser.shown).toEqual([chosen]);
    });

    await test.step('move the vault: a wrong passphrase changes nothing, the right one moves it', async () => {
      fileChooser.choose(target);
      await section.getByRole('button', { name: 'Move vault…' }).click();
      const form = section.getByRole('form', { name: 'Move the vault' });
      await expect(form).toContainText(target);
      await form.getByLabel('Your passphrase').fill('not my passphrase');
      await form.getByRole('button', { name: 'Move the vault' }).click();
      await expect(section.getByRole('alert')).toContainText('not the current passphrase', SLOW);
      await expect(section.getByTestId('vault-location')).toHaveText(chosen);
      await form.getByLabel('Your passphrase').fill(passphrase);
      await form.getByRole('button', { name: 'Move the vault' }).click();
      await expect(section.getByText(`The vault now lives in ${target}.`, { exact: false })).toBeVisible(
        SLOW,
      );
      await expect(section.getByTestId('vault-location')).toHaveText(target);
      expect(existsSync(join(target, 'attune-vault.json'))).toBe(true);
      expect(existsSync(chosen)).toBe(false); // renamed to "… (moved …)": never opened by mistake
      await expect(section.getByRole('heading', { name: 'Old copies of the vault' })).toBeVisible();
      await expect(section.getByText(/Clinical records \(moved \d{4}-\d\d-\d\d \d\d-\d\d\)/)).toBeVisible();
      await expectAccessible(page, 'settings: where the vault lives');
      await page.screenshot({ path: testInfo.outputPath('settings-vault-location.png'), fullPage: true });
    });

    await test.step('lock, then unlock at the new place', async () => {
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
      await unlock(page);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
      await expect(section.getByTestId('vault-location')).toHaveText(target);
    });

    await test.step('remove the old copy, after a confirmation', async () => {
      const oldCopy = section.getByRole('listitem');
      await oldCopy.getByRole('button', { name: 'Remove old copy' }).click();
      await expect(oldCopy.getByText(/Delete the old copy at .* for good\?/)).toBeVisible();
      await expectAccessible(page, 'remove old copy: the question');
      await oldCopy.getByRole('button', { name: 'Delete old copy' }).click();
      await expect(section.getByText(/The old copy at .* was removed\./)).toBeVisible();
      await expect(section.getByRole('heading', { name: 'Old copies of the vault' })).toHaveCount(0);
    });

    await test.step('settings lost on this computer: first run says so and opens the moved vault', async () => {
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
      // The same computer after a disk error garbled its settings: Attune looks in the default
      // folder, finds nothing, and must not just offer to create a new vault.
      const lost = secondProfile;
      await writeFile(join(lost.dataDir, 'attune-device.json'), '{"version":1,"vaultDir":');
      await lost.openApp();
      await expect(lost.page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
      await expect(lost.page.getByRole('alert')).toContainText('may have lost track of where your vault is');
      lost.nextChosenFile(target);
      await lost.page.getByRole('button', { name: 'Open an existing vault…' }).click();
      await expect(lost.page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
      await unlock(lost.page);
      await lost.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('button', { name: 'Settings' })
        .click();
      await expect(
        lost.page.getByRole('region', { name: 'Where the vault lives' }).getByTestId('vault-location'),
      ).toHaveText(target);
    });
  } finally {
    await rm(elsewhere, { recursive: true, force: true });
  }
});
