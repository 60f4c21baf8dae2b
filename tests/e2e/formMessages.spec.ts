import type { Client } from '../../shared/domain/clientSchema';
import { expect, test } from './harness';
import { createTestVault } from './seed';
import { expectAccessible, goTo, openClientFromSidebar, passphrase, unlock } from './steps';

/**
 * What the new-session, new-client, create-vault, recover and change-passphrase forms say when
 * something is missing or wrong: one plain message per problem, next to its field, in words a
 * person can act on (never a format the field does not let them type), and the focus on the first
 * field to fix.
 */

const tooShort = /^This passphrase is too short: use at least 10 characters\./;
const noMatch = 'The two passphrases do not match.';
const noConfirmation = 'Type the passphrase again to confirm it.';
/** Argon2id at the real settings takes about a second per derivation here; a busy machine, more. */
const SLOW = { timeout: 30_000 };

test.describe('in an open vault', () => {
  test.beforeEach(async ({ page, openApp, backend, dataDir }) => {
    await (await createTestVault(dataDir)).lock();
    const unlocked = await backend.router.call('vault:unlock', { passphrase });
    expect(unlocked.ok).toBe(true);
    const created = await backend.router.call('clients:create', {
      code: 'C-300',
      startDate: '2026-01-05',
      concerns: [],
      goals: [],
    });
    expect((created as { ok: boolean; value: Client }).ok).toBe(true);
    await backend.router.call('vault:lock', { reason: 'user' });
    await openApp();
    await unlock(page);
  });

  test('new session: an emptied date and time is asked for plainly, not as "before the start date" or ISO 8601', async ({
    page,
  }) => {
    await openClientFromSidebar(page, 'C-300');
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    const form = page.getByRole('form', { name: 'New session' });
    const when = form.getByLabel('Date and time');
    await when.fill('');
    await expect(form.getByText(/start date/)).toHaveCount(0);
    await expect(when).not.toHaveAccessibleDescription(/start date/);

    await form.getByRole('button', { name: 'Save session' }).click();
    await expect(form.getByRole('alert')).toHaveText(['Enter the session’s date and time.']);
    await expect(form.getByText(/ISO 8601/)).toHaveCount(0);
    await expect(when).toHaveAccessibleDescription('Enter the session’s date and time.');
    await expect(when).toHaveAttribute('aria-invalid', 'true');
    await expect(when).toBeFocused();

    // A year the picker takes but a record cannot hold: said in the same plain way, no ISO 8601.
    await when.fill('10000-01-01T10:00');
    await expect(form.getByText(/start date/)).toHaveCount(0);
    await form.getByRole('button', { name: 'Save session' }).click();
    await expect(form.getByRole('alert')).toHaveText(['Enter a date with a four-digit year.']);

    // A date before the client's start date is still pointed out, and the session can be saved.
    await when.fill('2025-12-20T10:00');
    await expect(form.getByText(/This is before C-300’s start date/)).toBeVisible();
    await expect(when).toHaveAccessibleDescription(/before C-300’s start date/);
    await form.getByRole('button', { name: 'Save session' }).click();
    await expect(page.getByRole('table', { name: 'Sessions' })).toBeVisible();
  });

  test('new client: a code with a space and a "!" says what is wrong with it; an empty one asks for a code', async ({
    page,
  }, testInfo) => {
    await goTo(page, 'Clients');
    await page.getByRole('button', { name: 'New client' }).click();
    const form = page.getByRole('form', { name: 'New client' });
    const code = form.getByRole('textbox', { name: 'Client code' });
    const save = form.getByRole('button', { name: 'Save client' });

    await code.fill('C 014!');
    await save.click();
    const invalid =
      'A client code can only contain letters A–Z (without accents), digits, dashes or underscores: take out the space and “!”.';
    await expect(form.getByRole('alert')).toHaveText([invalid]);
    await expect(code).toHaveAccessibleDescription(new RegExp(`${escaped(invalid)}$`));
    await expect(code).toBeFocused();
    await form.screenshot({ path: testInfo.outputPath('client-code-problem.png') });

    await code.fill('-C014');
    await save.click();
    await expect(form.getByRole('alert')).toHaveText([
      'A client code must start with a letter or digit, not a dash or underscore.',
    ]);

    await code.fill('');
    await save.click();
    await expect(form.getByRole('alert')).toHaveText([/^Enter a client code/]);
    await expect(code).toBeFocused();
  });

  test('change passphrase: every problem is said at its field and focus goes to the first; a wrong current passphrase is said under it', async ({
    page,
  }, testInfo) => {
    await goTo(page, 'Settings');
    const form = page.getByRole('form', { name: 'Change passphrase' });
    const current = form.getByLabel('Current passphrase');
    const next = form.getByLabel('New passphrase', { exact: true });
    const confirm = form.getByLabel('Confirm new passphrase');
    const submit = form.getByRole('button', { name: 'Change passphrase' });

    await next.fill('password');
    await confirm.fill('passwor');
    await submit.click();
    await expect(form.getByRole('alert')).toHaveText(['Enter your current passphrase.', tooShort, noMatch]);
    await expect(current).toHaveAccessibleDescription('Enter your current passphrase.');
    await expect(current).toHaveAttribute('aria-invalid', 'true');
    await expect(next).toHaveAccessibleDescription(/This passphrase is too short/);
    await expect(next).toHaveAttribute('aria-invalid', 'true');
    await expect(confirm).toHaveAccessibleDescription(noMatch);
    await expect(confirm).toHaveAttribute('aria-invalid', 'true');
    await expect(current).toBeFocused();
    await expectAccessible(page, 'change passphrase, three problems');
    await form.screenshot({ path: testInfo.outputPath('change-passphrase-problems.png') });

    // The current passphrase chosen again: said at the new one, which takes the focus.
    await current.fill(passphrase);
    await next.fill(passphrase);
    await confirm.fill(passphrase);
    await submit.click();
    await expect(form.getByRole('alert')).toHaveText([
      'The new passphrase is the same as the current one; choose a different one.',
    ]);
    await expect(current).not.toHaveAttribute('aria-invalid', 'true');
    await expect(next).toBeFocused();

    // Only main can tell a wrong current passphrase: said under it, and back there to type again.
    const changed = 'granite meadow whistle forty';
    await current.fill('not my passphrase at all');
    await next.fill(changed);
    await confirm.fill(changed);
    await submit.click();
    const notCurrent =
      'That is not the current passphrase, so the passphrase was not changed. Check it and try again.';
    await expect(form.getByRole('alert')).toHaveText([notCurrent], SLOW);
    await expect(current).toHaveAccessibleDescription(notCurrent);
    await expect(current).toHaveAttribute('aria-invalid', 'true');
    await expect(current).toBeFocused();
  });
});

test('recover: a missing key, a short passphrase and no confirmation are all said, each at its field, and focus goes to the first', async ({
  page,
  openApp,
  dataDir,
}, testInfo) => {
  await (await createTestVault(dataDir)).lock();
  await openApp();
  await page.getByRole('button', { name: 'Forgot your passphrase?' }).click();
  const form = page.getByRole('form', { name: 'Forgot your passphrase?' });
  const key = form.getByLabel('Recovery key');
  const next = form.getByLabel('New passphrase', { exact: true });
  const confirm = form.getByLabel('Confirm new passphrase');
  const submit = form.getByRole('button', { name: 'Set new passphrase' });

  await next.fill('password');
  await submit.click();
  await expect(form.getByRole('alert')).toHaveText(['Enter your recovery key.', tooShort, noConfirmation]);
  await expect(key).toHaveAccessibleDescription('Enter your recovery key.');
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  await expect(next).toHaveAccessibleDescription(/This passphrase is too short/);
  await expect(next).toHaveAttribute('aria-invalid', 'true');
  await expect(confirm).toHaveAccessibleDescription(noConfirmation);
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(key).toBeFocused();
  await expectAccessible(page, 'recover, three problems');
  await page.screenshot({ path: testInfo.outputPath('recover-problems.png'), fullPage: true });

  // A key typed: the first problem left is the new passphrase, and the focus goes there.
  await key.fill('ABCD-EFGH');
  await submit.click();
  await expect(form.getByRole('alert')).toHaveText([tooShort, noConfirmation]);
  await expect(key).not.toHaveAttribute('aria-invalid', 'true');
  await expect(next).toBeFocused();

  // Only main can tell a mistyped key: said under the key, and back there to correct it.
  const chosen = 'velvet harbour quietly ninety';
  await next.fill(chosen);
  await confirm.fill(chosen);
  await submit.click();
  const typo = /^That recovery key has a typo or is incomplete/;
  await expect(form.getByRole('alert')).toHaveText([typo], SLOW);
  await expect(key).toHaveAccessibleDescription(typo);
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  await expect(key).toBeFocused();
});

test('create vault: a short passphrase and a confirmation that differs are both said, each at its field, and focus goes to the first', async ({
  page,
  openApp,
}, testInfo) => {
  await openApp();
  const phrase = page.getByLabel('Passphrase', { exact: true });
  const confirm = page.getByLabel('Confirm passphrase');
  await phrase.fill('password');
  await confirm.fill('passwor');
  await page.getByRole('button', { name: 'Create vault' }).click();

  await expect(page.getByRole('alert')).toHaveText([tooShort, noMatch]);
  await expect(phrase).toHaveAccessibleDescription(/This passphrase is too short/);
  await expect(phrase).toHaveAttribute('aria-invalid', 'true');
  await expect(confirm).toHaveAccessibleDescription(noMatch);
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(phrase).toBeFocused();
  await expectAccessible(page, 'create vault, two problems');
  await page.screenshot({ path: testInfo.outputPath('create-vault-problems.png'), fullPage: true });

  // Long enough but easy to guess, still not matching: both said; fixed, the vault is made.
  await phrase.fill('password1234');
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('alert')).toHaveText([/^This passphrase is too easy to guess\./, noMatch]);
  await expect(phrase).toBeFocused();

  await phrase.fill(passphrase);
  await confirm.fill(passphrase);
  await confirm.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Recovery key' })).toBeVisible({ timeout: 30_000 });
});

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
