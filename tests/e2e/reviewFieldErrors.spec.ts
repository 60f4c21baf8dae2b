import type { Locator } from '@playwright/test';
import { expect, test } from './harness';
import { clinicianCase, exportPacket, PACKET_PASS, REVIEW_SLOW, reviewerVault } from './reviewCase';
import { goTo, unlock } from './steps';

/**
 * In the supervision flow, a form's problem is said at the field it is about: the field is marked
 * invalid, described by the message (what a screen reader reads on reaching it) and focused, so
 * a keyboard user is taken to what to fix, not left on the button with an alert at the form's end.
 */

const SLOW = REVIEW_SLOW;
const STEP = { timeout: 20_000 };

async function expectSaidAt(field: Locator, message: RegExp): Promise<void> {
  await expect(field).toBeFocused(STEP);
  await expect(field).toHaveAttribute('aria-invalid', 'true', STEP);
  await expect(field).toHaveAccessibleDescription(message, STEP);
}

/** The clinician's vault, unlocked through main: client C-021 with two sessions. */
const twoSessions = ['2026-02-02T09:00:00.000Z', '2026-02-09T09:00:00.000Z'];

test('reviewer: a missing or wrong passphrase, an empty comment and a missing name are said at their field', async ({
  dataDir,
  backend,
  secondProfile,
}) => {
  test.setTimeout(120_000);
  const { call, client } = await clinicianCase(dataDir, backend, twoSessions);
  const path = await exportPacket(call, client.id);

  const rp = secondProfile.page;
  await reviewerVault(secondProfile.dataDir);
  await secondProfile.openApp();
  await unlock(rp);
  await goTo(rp, 'Review packets');
  secondProfile.nextChosenFile(path);
  await rp.getByRole('button', { name: 'Open review packet' }).press('Enter');
  const packetPassphrase = rp.getByLabel('Packet passphrase');
  await expect(packetPassphrase).toBeFocused(STEP);
  await rp.getByRole('button', { name: 'Open packet' }).press('Enter');
  await expectSaidAt(packetPassphrase, /Enter the packet passphrase/);
  await packetPassphrase.fill('not the packet passphrase');
  await packetPassphrase.press('Enter');
  await expect(rp.getByRole('alert')).toContainText('Wrong passphrase', SLOW);
  await expectSaidAt(packetPassphrase, /Wrong passphrase for this review packet/);
  await packetPassphrase.fill(PACKET_PASS);
  await packetPassphrase.press('Enter');
  await expect(rp.getByRole('heading', { name: 'Review: Client A', level: 1 })).toBeVisible(SLOW);

  const caseBox = rp.getByRole('group', { name: 'Comment on the case' });
  await caseBox.getByRole('button', { name: 'Save comment' }).press('Enter');
  await expectSaidAt(caseBox.getByRole('textbox'), /Write the comment first/);
  await caseBox.getByRole('textbox').fill('Slow down before the break.');
  await caseBox.getByRole('textbox').press('Control+Enter');
  await expect(caseBox.getByRole('listitem')).toHaveCount(1, STEP);
  await expect(caseBox.getByRole('textbox')).not.toHaveAttribute('aria-invalid', 'true');

  await rp.getByRole('button', { name: 'Export comments' }).press('Enter');
  const form = rp.getByRole('form', { name: 'Send your comments back' });
  await form.getByLabel('Your name').fill('');
  await form.getByRole('button', { name: 'Encrypt and save comments' }).press('Enter');
  await expectSaidAt(form.getByLabel('Your name'), /Enter your name/);
  await form.getByLabel('Your name').fill('Sam Reviewer');
  await form.getByLabel('Packet passphrase').fill('not the packet passphrase');
  // The passphrase is found wrong before any save dialog: the reviewer is not sent through it twice.
  const dialogsBefore = secondProfile.fileChooser.saveDefaults.length;
  await form.getByRole('button', { name: 'Encrypt and save comments' }).press('Enter');
  await expectSaidAt(form.getByLabel('Packet passphrase'), /not the passphrase of the review packet/);
  await expect(form.getByLabel('Your name')).not.toHaveAttribute('aria-invalid', 'true');
  expect(secondProfile.fileChooser.saveDefaults.length).toBe(dialogsBefore);
});

test('clinician: a short or unconfirmed packet passphrase is said at its field', async ({
  page,
  openApp,
  dataDir,
  backend,
}) => {
  test.setTimeout(60_000);
  const { call } = await clinicianCase(dataDir, backend, twoSessions);
  await call('vault:lock', { reason: 'user' });
  await openApp();
  await unlock(page);
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'C-021', exact: true }).click();
  await page.getByRole('button', { name: 'Build review packet' }).click();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await page.getByRole('button', { name: 'Export review packet' }).click({ timeout: 30_000 });
  const passphrase = page.getByLabel('Packet passphrase', { exact: true });
  const confirm = page.getByLabel('Confirm packet passphrase');
  const save = page.getByRole('button', { name: 'Encrypt and save packet' });
  await passphrase.fill('short');
  await save.press('Enter');
  await expectSaidAt(passphrase, /at least 10 characters/);
  await passphrase.fill(PACKET_PASS);
  await confirm.fill('not the same one');
  await save.press('Enter');
  await expectSaidAt(confirm, /differ/);
  await expect(passphrase).not.toHaveAttribute('aria-invalid', 'true');
});
