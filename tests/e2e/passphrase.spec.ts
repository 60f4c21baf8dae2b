import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { LOCK_FILE } from '../../main/vault/processLock';
import { formatRecoveryKey, generateRecoveryKey } from '../../main/vault/recoveryKey';
import { expect, test } from './harness';
import { expectAccessible, passphrase } from './steps';

/** Argon2id at the real settings takes about a second per derivation here; a busy machine, more. */
const SLOW = { timeout: 30_000 };
const keyPattern = /^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/;
const lockButton = (page: Page) => page.getByRole('button', { name: 'Lock', exact: true });

/** First run through the screens; returns the recovery key as the screen showed it. */
async function createVaultNotingKey(page: Page): Promise<string> {
  // The passphrase is the first thing asked for: the field has the focus.
  await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase').fill(passphrase);
  await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
  await page.getByRole('button', { name: 'Create vault' }).click();
  const shown = page.getByRole('textbox', { name: 'Recovery key' });
  await expect(shown).toHaveValue(keyPattern, SLOW);
  // The Create button went with the form: the new screen takes the focus at its heading, so a
  // screen reader says where it is rather than nothing (focus left on the page's body).
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeFocused();
  const key = await shown.inputValue();
  await page.getByLabel('I have stored my recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(lockButton(page)).toBeVisible(SLOW);
  return key;
}

/** On a new-recovery-key screen: checks the key is new, stores it, and goes on. */
async function takeNewKey(page: Page, previous: string): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Your new recovery key' })).toBeFocused(SLOW);
  const key = await page.getByRole('textbox', { name: 'Recovery key' }).inputValue();
  expect(key).toMatch(keyPattern);
  expect(key).not.toBe(previous);
  await expect(page.getByText('Your previous recovery key no longer opens your vault.')).toBeVisible();
  return key;
}

async function continueFromKey(page: Page): Promise<void> {
  await page.getByLabel('I have stored my recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function unlockWith(page: Page, secret: string): Promise<void> {
  await page.getByLabel('Passphrase').fill(secret);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

test('forgotten passphrase: recover with the recovery key, see a new key, unlock later with the new passphrase', async ({
  page,
  openApp,
}, testInfo) => {
  test.setTimeout(180_000);
  const newPassphrase = 'velvet harbour quietly ninety';
  let firstKey = '';
  await test.step('create the vault and note its recovery key, then lock', async () => {
    await openApp();
    firstKey = await createVaultNotingKey(page);
    await lockButton(page).click();
    await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  });
  await test.step('"Forgot your passphrase?" opens the recovery screen', async () => {
    await page.getByRole('button', { name: 'Forgot your passphrase?' }).click();
    await expect(page.getByRole('heading', { name: 'Forgot your passphrase?' })).toBeVisible();
    await expect(page.getByLabel('Recovery key')).toBeFocused();
    await expectAccessible(page, 'recover with the recovery key');
    await page.screenshot({ path: testInfo.outputPath('recover.png'), fullPage: true });
  });
  const form = {
    key: page.getByLabel('Recovery key'),
    next: page.getByLabel('New passphrase', { exact: true }),
    confirm: page.getByLabel('Confirm new passphrase'),
    submit: page.getByRole('button', { name: 'Set new passphrase' }),
    alert: page.getByRole('alert'),
  };
  await test.step('a mistyped key and a key of another vault are told apart, and change nothing', async () => {
    await form.next.fill(newPassphrase);
    await form.confirm.fill(newPassphrase);
    await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
    const typo = firstKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await form.key.fill(typo);
    await form.submit.click();
    await expect(form.alert).toContainText('has a typo or is incomplete', SLOW);
    await form.key.fill(formatRecoveryKey(generateRecoveryKey()));
    await form.submit.click();
    await expect(form.alert).toContainText('typed correctly but does not open this vault', SLOW);
    await page.screenshot({ path: testInfo.outputPath('recover-wrong-key.png'), fullPage: true });
  });
  let secondKey = '';
  await test.step('the key typed in lower case with spaces opens it; a new, different key is shown', async () => {
    await form.key.fill(firstKey.toLowerCase().replace(/-/g, ' '));
    await form.submit.click();
    secondKey = await takeNewKey(page, firstKey);
    await expectAccessible(page, 'new recovery key after recovery');
    await page.screenshot({ path: testInfo.outputPath('recover-new-key.png'), fullPage: true });
    await continueFromKey(page);
    await expect(lockButton(page)).toBeVisible(SLOW);
  });
  await test.step('later: the old passphrase no longer opens the vault, the new one does', async () => {
    await lockButton(page).click();
    // Unlock with nothing typed: said, and the field takes the focus to type in.
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toHaveText('Enter your passphrase.');
    await expect(page.getByLabel('Passphrase')).toBeFocused();
    await unlockWith(page, passphrase);
    await expect(page.getByRole('alert')).toContainText('That passphrase does not open this vault', SLOW);
    // Back in the field, the wrong passphrase selected, to type again (the clicked button was disabled).
    await expect(page.getByLabel('Passphrase')).toBeFocused();
    await unlockWith(page, newPassphrase);
    await expect(lockButton(page)).toBeVisible(SLOW);
  });
  await test.step('the key used for recovery stopped working; the new one works', async () => {
    await lockButton(page).click();
    await page.getByRole('button', { name: 'Forgot your passphrase?' }).click();
    await form.key.fill(firstKey);
    await form.next.fill(passphrase);
    await form.confirm.fill(passphrase);
    await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
    await form.submit.click();
    await expect(form.alert).toContainText('does not open this vault', SLOW);
    await page.getByRole('button', { name: 'Back to unlock' }).click();
    await unlockWith(page, newPassphrase);
    await expect(lockButton(page)).toBeVisible(SLOW);
    expect(secondKey).not.toBe(firstKey);
  });
});

/**
 * The vault is open in this process: its process lock is held, in the vault folder (format 1) or
 * in this computer's folder under devices/ (format 2, the format the app makes).
 */
function openOnDisk(vault: string): boolean {
  if (existsSync(join(vault, LOCK_FILE))) return true;
  const devices = join(vault, 'devices');
  return existsSync(devices) && readdirSync(devices).some((hex) => existsSync(join(devices, hex, LOCK_FILE)));
}

test('a lock during recovery: the new key is still shown, then the unlock screen, and the new passphrase works', async ({
  page,
  openApp,
  backend,
  dataDir,
}) => {
  test.setTimeout(120_000);
  const newPassphrase = 'velvet harbour quietly ninety';
  await openApp();
  const firstKey = await createVaultNotingKey(page);
  await lockButton(page).click();
  await page.getByRole('button', { name: 'Forgot your passphrase?' }).click();
  await page.getByLabel('Recovery key').fill(firstKey);
  await page.getByLabel('New passphrase', { exact: true }).fill(newPassphrase);
  await page.getByLabel('Confirm new passphrase').fill(newPassphrase);
  await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
  await page.getByRole('button', { name: 'Set new passphrase' }).click();
  // The recovery key opens the vault at once (no slow derivation); the new passphrase's Argon2id
  // run follows and takes about a second: lock in the middle of it.
  await expect.poll(() => openOnDisk(join(dataDir, 'vault')), SLOW).toBe(true);
  await page.waitForTimeout(100);
  await backend.lock('suspend');

  await takeNewKey(page, firstKey);
  expect(await backend.router.call('vault:status', undefined)).toMatchObject({
    ok: true,
    value: { state: 'locked' },
  });
  await continueFromKey(page);
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  await expect(page.getByText('Attune locked while your new recovery key was being made.')).toBeVisible();
  await unlockWith(page, newPassphrase);
  await expect(lockButton(page)).toBeVisible(SLOW);
});

test('Settings: change the passphrase, show a new recovery key, rotate the vault key', async ({
  page,
  openApp,
}, testInfo) => {
  test.setTimeout(240_000);
  const changed = 'granite meadow whistle forty';
  let firstKey = '';
  const section = page.getByRole('region', { name: 'Passphrase and recovery key' });
  const change = page.getByRole('form', { name: 'Change passphrase' });
  await test.step('create the vault and open Settings', async () => {
    await openApp();
    firstKey = await createVaultNotingKey(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await expect(section).toBeVisible();
  });
  await test.step('change passphrase: a wrong current passphrase is refused with a clear message', async () => {
    await change.getByLabel('Current passphrase').fill('not my passphrase at all');
    await change.getByLabel('New passphrase', { exact: true }).fill(changed);
    await change.getByLabel('Confirm new passphrase').fill(changed);
    await expect(change.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
    await change.getByRole('button', { name: 'Change passphrase' }).click();
    await expect(change.getByRole('alert')).toHaveText(
      'That is not the current passphrase, so the passphrase was not changed. Check it and try again.',
      SLOW,
    );
    await expectAccessible(page, 'Settings, passphrase and recovery key');
    await section.screenshot({ path: testInfo.outputPath('settings-security.png') });
  });
  await test.step('change passphrase: mismatched confirmation is caught before anything is sent', async () => {
    await change.getByLabel('Current passphrase').fill(passphrase);
    await change.getByLabel('Confirm new passphrase').fill(`${changed} x`);
    await change.getByRole('button', { name: 'Change passphrase' }).click();
    await expect(change.getByRole('alert')).toHaveText('The two passphrases do not match.');
  });
  await test.step('change passphrase with the right current one', async () => {
    await change.getByLabel('Confirm new passphrase').fill(changed);
    await change.getByRole('button', { name: 'Change passphrase' }).click();
    await expect(change.getByText(/^Passphrase changed at /)).toBeVisible(SLOW);
    await expect(change.getByLabel('Current passphrase')).toHaveValue('');
  });
  let secondKey = '';
  await test.step('show a new recovery key (asks the current passphrase)', async () => {
    const renew = page.getByRole('form', { name: 'Show a new recovery key' });
    await renew.getByLabel('Current passphrase').fill(passphrase);
    await renew.getByRole('button', { name: 'Show a new recovery key' }).click();
    await expect(renew.getByRole('alert')).toContainText('That is not the current passphrase', SLOW);
    await renew.getByLabel('Current passphrase').fill(changed);
    await renew.getByRole('button', { name: 'Show a new recovery key' }).click();
    secondKey = await takeNewKey(page, firstKey);
    await expectAccessible(page, 'new recovery key from Settings');
    await page.screenshot({ path: testInfo.outputPath('settings-new-key.png'), fullPage: true });
    await continueFromKey(page);
    await expect(lockButton(page)).toBeVisible(SLOW);
  });
  await test.step('rotate the vault key: explained, with progress, and a new recovery key', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const rotate = page.getByRole('form', { name: 'Rotate the vault key' });
    await expect(rotate).toContainText('Changing the passphrase does not change that key');
    await expect(rotate).toContainText('cannot be opened with your new passphrase or new recovery key');
    await rotate.getByLabel('Current passphrase').fill(changed);
    await rotate.getByRole('button', { name: 'Rotate the vault key' }).click();
    // Shown from the first record until the vault is open again (about a second of Argon2id after).
    await expect(rotate.getByRole('progressbar', { name: /^Re-encrypted \d+ of \d+ records$/ })).toBeVisible(
      SLOW,
    );
    const thirdKey = await takeNewKey(page, secondKey);
    await expect(page.getByText(/as it was before the rotation is kept in /)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('rotated-new-key.png'), fullPage: true });
    expect(thirdKey).not.toBe(firstKey);
    await continueFromKey(page);
    await expect(lockButton(page)).toBeVisible(SLOW);
  });
  await test.step('after all that the vault locks and unlocks with the changed passphrase', async () => {
    await lockButton(page).click();
    await unlockWith(page, changed);
    await expect(lockButton(page)).toBeVisible(SLOW);
  });
});
