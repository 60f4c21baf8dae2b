import { expect, test } from './harness';
import { createVault, passphrase, unlock } from './steps';

/**
 * The recovery key is shown once. A key whose screen closed before "I have stored it" (a reload,
 * a crash, quitting) may never have been written down: the workspace reminds the user at every
 * unlock until a new key is made and confirmed.
 */
test('a recovery key never confirmed as stored is asked about until a new one is confirmed', async ({
  page,
  openApp,
}) => {
  test.setTimeout(120_000);
  const reminder = page.getByRole('complementary', { name: 'Recovery key reminder' });
  await test.step('the window goes away while the first key is on screen', async () => {
    await openApp();
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByLabel('Confirm passphrase').fill(passphrase);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByRole('textbox', { name: 'Recovery key' })).toHaveValue(/^[0-9A-Z]{4}-/);
    await page.reload();
  });
  await test.step('the workspace reminds, after a lock too', async () => {
    if (await page.getByLabel('Passphrase').isVisible()) await unlock(page);
    await expect(reminder).toContainText('was not confirmed as stored');
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await unlock(page);
    await expect(reminder).toBeVisible();
  });
  await test.step('"Make a new recovery key" opens Settings there; the new key, confirmed, ends it', async () => {
    await reminder.getByRole('button', { name: 'Make a new recovery key' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Passphrase and recovery key' })).toBeFocused();
    await page.getByLabel('Current passphrase').nth(1).fill(passphrase);
    await page.getByRole('button', { name: 'Show a new recovery key' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your new recovery key' })).toBeVisible();
    await page.getByLabel('I have stored my recovery key somewhere safe').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Today', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
    await expect(reminder).toHaveCount(0);
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await unlock(page);
    await expect(reminder).toHaveCount(0);
  });
});

test('Settings lists its sections at the top, each one jump away', async ({ page, openApp }) => {
  await openApp();
  await createVault(page);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const contents = page.getByRole('navigation', { name: 'Settings sections' });
  await contents.getByRole('button', { name: 'Where the vault lives' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Where the vault lives' })).toBeFocused();
  await contents.getByRole('button', { name: 'Backups' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Backups' })).toBeFocused();
  // Every section listed has its heading on the page.
  for (const name of await contents.getByRole('button').allTextContents())
    await expect(page.getByRole('heading', { level: 2, name, exact: false }).first()).toBeAttached();
});
