import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { createVault, passphrase } from './steps';

/**
 * Waits until the renderer's call is under way in main: the form shows it is busy, and the call
 * gets a moment to cross the bridge, far less than the 64 MiB key derivation takes.
 */
async function whileOpening(page: Page, busyLabel: string): Promise<void> {
  await expect(page.getByRole('button', { name: busyLabel })).toBeVisible();
  await page.waitForTimeout(150);
}

test('a lock while the vault is being created: the recovery key is still shown, then the unlock screen', async ({
  page,
  openApp,
  backend,
}) => {
  await openApp();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase').fill(passphrase);
  await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
  await page.getByRole('button', { name: 'Create vault' }).click();
  await whileOpening(page, 'Creating vault…');
  await backend.lock('screen-lock');

  await expect(page.getByRole('textbox', { name: 'Recovery key' })).toHaveValue(
    /^[0-9A-Z]{4}(-[0-9A-Z]{4})+/,
  );
  expect(await backend.router.call('vault:status', undefined)).toMatchObject({
    ok: true,
    value: { state: 'locked' },
  });
  await page.getByLabel('I have stored my recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  await expect(page.getByText('Attune locked while your vault was being set up.')).toBeVisible();

  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
});

test('a lock while the vault is unlocking wins: the unlock screen says so, and the next unlock works', async ({
  page,
  openApp,
  backend,
}) => {
  await openApp();
  await createVault(page);
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();

  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await whileOpening(page, 'Unlocking…');
  await backend.lock('suspend');

  await expect(page.getByRole('alert')).toHaveText(
    'The vault was locked while it was opening. Unlock again.',
  );
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  expect(await backend.router.call('vault:status', undefined)).toMatchObject({
    ok: true,
    value: { state: 'locked' },
  });

  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
});
