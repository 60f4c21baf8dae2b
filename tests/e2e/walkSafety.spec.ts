import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import { failing } from './failingDisk';
import { expect, test } from './harness';
import { caller, daysAgo } from './seed';
import { createVault, goTo, openClientFromSidebar, passphrase, unlock } from './steps';

/**
 * A new therapist's walk, by keyboard where a keyboard user would go: what was found wrong on it
 * and fixed, kept as regressions. Lists with "Add …" (plan problems, goals, objectives,
 * interventions; safety plan rows) take the typing into the new row, not onto the button (where
 * each space typed pressed Add again); moving the vault keeps the focus in its form.
 */

const SLOW = { timeout: 60_000 };

/** A new vault (as a new user makes it) holding one client `code`; main's calls for the rest. */
async function vaultWithClient(page: Page, backend: Backend, code: string) {
  await createVault(page);
  const api = caller(backend);
  await api('settings:update', { clinicianName: 'Dr. Sam Field' });
  const client = await api<{ id: string }>('clients:create', {
    code,
    startDate: daysAgo(30).slice(0, 10),
    concerns: [],
    goals: [],
  });
  return { api, clientId: client.id };
}

/** Locks and unlocks (so the screens read what main wrote), then opens client `code`. */
async function reopenAt(page: Page, code: string) {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page);
  await openClientFromSidebar(page, code);
}

async function clientWithTreatmentTab(page: Page, backend: Backend) {
  await vaultWithClient(page, backend, 'PP-01');
  await reopenAt(page, 'PP-01');
  await page.getByRole('tab', { name: 'Treatment', exact: true }).click();
}

test('treatment plan by keyboard: Add problem, goal, objective and intervention take the typing; Remove gives focus to Add', async ({
  page,
  openApp,
  backend,
}) => {
  test.setTimeout(120_000);
  await openApp();
  await clientWithTreatmentTab(page, backend);
  const panel = page.getByRole('region', { name: 'Treatment plan', exact: true });
  await panel.getByRole('button', { name: 'Write a treatment plan' }).press('Enter');
  const editor = panel.getByRole('region', { name: 'Draft plan' });

  await editor.getByRole('button', { name: 'Add problem' }).press('Enter');
  await expect(editor.getByRole('textbox', { name: 'Problem 1', exact: true })).toBeFocused();
  await page.keyboard.type('Wakes at 3 am most nights');

  await editor.getByRole('button', { name: 'Add goal' }).press('Enter');
  const goal1 = editor.getByRole('group', { name: 'Goal 1', exact: true });
  await expect(goal1.getByLabel('Goal', { exact: true })).toBeFocused();
  await page.keyboard.type('Sleep through most nights');
  await editor.getByRole('button', { name: 'Add goal' }).press('Enter');
  const goal2 = editor.getByRole('group', { name: 'Goal 2', exact: true });
  await expect(goal2.getByLabel('Goal', { exact: true })).toBeFocused();
  await page.keyboard.type('Back at work three days a week');
  // The spaces typed went into the fields: two goals, not one for each space.
  await expect(editor.getByRole('group', { name: /^Goal \d+$/ })).toHaveCount(2);
  await expect(goal1.getByLabel('Goal', { exact: true })).toHaveValue('Sleep through most nights');

  await goal1.getByRole('button', { name: 'Add objective to goal 1' }).press('Enter');
  const objective = goal1.getByRole('group', { name: 'Objective 1 of goal 1' });
  await expect(objective.getByLabel('Objective', { exact: true })).toBeFocused();
  await page.keyboard.type('Six hours of sleep on five nights a week');

  await editor.getByRole('button', { name: 'Add intervention' }).press('Enter');
  await expect(editor.getByRole('textbox', { name: 'Intervention 1', exact: true })).toBeFocused();
  await page.keyboard.type('CBT for insomnia');
  await expect(editor.getByRole('textbox', { name: 'Intervention 1', exact: true })).toHaveValue(
    'CBT for insomnia',
  );

  // Remove takes its row away with its button: focus goes to the list's Add, not the page.
  await editor.getByRole('button', { name: 'Remove intervention 1' }).press('Enter');
  await expect(editor.getByRole('button', { name: 'Add intervention' })).toBeFocused();
  await goal1.getByRole('button', { name: 'Remove objective 1 of goal 1' }).press('Enter');
  await expect(goal1.getByRole('button', { name: 'Add objective to goal 1' })).toBeFocused();
  await expect(editor.getByRole('status').filter({ hasText: /^Saved / })).toBeVisible(SLOW);

  // Signed by keyboard: the editor and its Sign button are gone, and focus is on the panel's
  // heading above the signed plan, not left on the page.
  await editor.getByRole('button', { name: 'Sign plan' }).press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Sign version 1 of the treatment plan?' });
  await dialog.getByRole('button', { name: 'Sign plan' }).press('Enter');
  await expect(dialog).toBeHidden(SLOW);
  await expect(panel.getByText('Version 1, signed by Dr. Sam Field on')).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Treatment plan', level: 2 })).toBeFocused();
  // So is a revision discarded.
  await panel.getByRole('button', { name: 'Revise plan' }).press('Enter');
  const revision = panel.getByRole('region', { name: 'Draft revision, version 2' });
  await revision.getByRole('button', { name: 'Discard draft' }).press('Enter');
  await revision.getByRole('button', { name: 'Discard draft' }).press('Enter');
  await expect(revision).toHaveCount(0);
  await expect(panel.getByRole('heading', { name: 'Treatment plan', level: 2 })).toBeFocused();
});

test('safety plan by keyboard: Add takes the typing into the new row', async ({ page, openApp, backend }) => {
  test.setTimeout(120_000);
  await openApp();
  await clientWithTreatmentTab(page, backend);
  const safety = page.getByRole('region', { name: 'Safety plan' });
  await safety.getByRole('button', { name: 'Write a safety plan' }).press('Enter');
  const addSign = safety.getByRole('button', { name: 'Add warning sign' });
  const rowsBefore = await safety.getByRole('textbox', { name: /^Warning sign \d+$/ }).count();
  await addSign.press('Enter');
  const newRow = safety.getByRole('textbox', { name: `Warning sign ${rowsBefore + 1}`, exact: true });
  await expect(newRow).toBeFocused();
  await page.keyboard.type('Stops answering texts');
  await expect(newRow).toHaveValue('Stops answering texts');
  await expect(safety.getByRole('textbox', { name: /^Warning sign \d+$/ })).toHaveCount(rowsBefore + 1);
  await safety.getByRole('button', { name: `Remove warning sign ${rowsBefore + 1}` }).press('Enter');
  await expect(addSign).toBeFocused();
});

test('moving the vault by keyboard: the chosen folder’s form takes focus, a wrong passphrase puts it back in the field, Cancel returns to Move vault…', async ({
  page,
  openApp,
  dataDir,
  fileChooser,
}) => {
  test.setTimeout(180_000);
  await openApp();
  await createVault(page);
  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Where the vault lives' });
  const moveButton = section.getByRole('button', { name: 'Move vault…' });
  const target = join(dataDir, 'elsewhere', 'Attune vault');
  await mkdir(join(dataDir, 'elsewhere'));

  fileChooser.choose(target);
  await moveButton.press('Enter');
  const form = section.getByRole('form', { name: 'Move the vault' });
  const field = form.getByLabel('Your passphrase');
  await expect(field).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(section.getByRole('alert')).toHaveText('Enter your passphrase to move the vault.');
  await expect(field).toBeFocused();
  await page.keyboard.type('not my passphrase');
  await page.keyboard.press('Enter');
  await expect(section.getByRole('alert')).toContainText('not the current passphrase', SLOW);
  await expect(field).toBeFocused();
  await form.getByRole('button', { name: 'Cancel' }).press('Enter');
  await expect(form).toHaveCount(0);
  await expect(moveButton).toBeFocused();
  // Cancelled: the wrong passphrase and what was said of it are gone, not waiting in the next form.
  await expect(section.getByRole('alert')).toHaveCount(0);

  fileChooser.choose(target);
  await moveButton.press('Enter');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('');
  await page.keyboard.type(passphrase);
  await page.keyboard.press('Enter');
  await expect(section.getByText(`The vault now lives in ${target}.`, { exact: false })).toBeVisible(SLOW);
  await expect(moveButton).toBeFocused();
});

test('a save refused by main (a full disk) keeps the form and gives focus back to its button: measure, Sign, addendum', async ({
  page,
  openApp,
  backend,
}) => {
  test.setTimeout(180_000);
  await openApp();
  const { api, clientId } = await vaultWithClient(page, backend, 'FF-01');
  await api('sessions:create', {
    clientId,
    startsAt: daysAgo(1),
    durationMinutes: 50,
    modality: 'in-person',
    attendance: 'attended',
  });
  await reopenAt(page, 'FF-01');
  await page.getByRole('button', { name: /^New note for / }).click();
  await page.getByLabel('Session narrative', { exact: true }).fill('Spoke about the new job.');
  // For three seconds after a page opens, focus lost anywhere goes to its heading (useFocusOnNewPage):
  // wait as long as a person takes to get to the measures, so only the forms' own focus is tested.
  await page.waitForTimeout(3_500);

  const measures = page.getByRole('region', { name: 'Outcome measures' });
  let disk = failing(backend, ['measures:save']);
  await measures.getByRole('button', { name: 'Add GAD-7' }).click();
  for (let item = 1; item <= 7; item++) {
    await measures
      .getByRole('group', { name: new RegExp(`^${item}\\. `) })
      .getByRole('radio', { name: /^Not at all/ })
      .check();
  }
  const saveMeasure = measures.getByRole('button', { name: 'Save GAD-7' });
  await saveMeasure.press('Enter');
  await expect(measures.getByRole('alert')).toHaveText('No space left on the disk.');
  await expect(saveMeasure).toBeFocused();
  disk.heal();
  await saveMeasure.press('Enter');
  await expect(measures.getByRole('button', { name: 'Edit GAD-7' })).toBeFocused();

  disk = failing(backend, ['notes:sign']);
  await expect(page.getByRole('status', { name: 'Note save state' })).toContainText(/Saved/, SLOW);
  await page.getByRole('button', { name: 'Sign note' }).press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Sign this note?' });
  const sign = dialog.getByRole('button', { name: 'Sign', exact: true });
  await sign.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('No space left on the disk.');
  await expect(sign).toBeFocused();
  disk.heal();
  await sign.press('Enter');
  await expect(page.getByText(/Signed on .* by Dr\. Sam Field/)).toBeVisible(SLOW);

  disk = failing(backend, ['notes:addAddendum']);
  await page.getByRole('button', { name: 'Add addendum' }).press('Enter');
  await page.getByRole('radio', { name: 'Clarification' }).check();
  await page.getByLabel('Reason', { exact: true }).fill('The job starts in March, not May.');
  await page.getByLabel('Addendum', { exact: true }).fill('New job starts in March.');
  const saveAddendum = page.getByRole('button', { name: 'Save addendum' });
  await saveAddendum.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'No space left' })).toBeVisible();
  await expect(saveAddendum).toBeFocused();
  await expect(page.getByLabel('Addendum', { exact: true })).toHaveValue('New job starts in March.');
  disk.heal();
  await saveAddendum.press('Enter');
  await expect(page.getByRole('paragraph').filter({ hasText: 'New job starts in March.' })).toBeVisible();
});

test('a new session typed and not saved is kept when the page is left and when the vault locks, until saved or cancelled', async ({
  page,
  openApp,
  backend,
}) => {
  test.setTimeout(120_000);
  await openApp();
  await vaultWithClient(page, backend, 'SS-01');
  await reopenAt(page, 'SS-01');
  await page.getByRole('button', { name: 'New session' }).click();
  const form = page.getByRole('form', { name: 'New session' });
  await form.getByLabel('Date and time').fill('2026-11-30T15:30');
  await form.getByLabel('Duration (minutes)').fill('80');
  await form.getByLabel('Attendance').selectOption({ label: 'Late cancellation' });

  await goTo(page, 'Today');
  await openClientFromSidebar(page, 'SS-01');
  await expect(form.getByLabel('Date and time')).toHaveValue('2026-11-30T15:30');
  await expect(form.getByLabel('Duration (minutes)')).toHaveValue('80');

  await page.keyboard.press('Control+l');
  await unlock(page);
  await openClientFromSidebar(page, 'SS-01');
  await expect(form.getByLabel('Duration (minutes)')).toHaveValue('80');
  await expect(form.getByLabel('Attendance')).toHaveValue('late-cancel');
  await form.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByRole('table', { name: 'Sessions' })).toContainText('Late cancellation');

  // Saved: the next new session starts afresh; cancelled, nothing is kept.
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(form.getByLabel('Duration (minutes)')).toHaveValue('50');
  await form.getByLabel('Duration (minutes)').fill('20');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(form.getByLabel('Duration (minutes)')).toHaveValue('50');
});
