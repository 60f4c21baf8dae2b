import { expect, test } from './harness';
import { caller, daysAgo } from './seed';
import { createVault, openClientFromSidebar, unlock } from './steps';

/**
 * A new therapist's walk, by keyboard where a keyboard user would go: what was found wrong on it
 * and fixed, kept as regressions. Lists with "Add …" (plan problems, goals, objectives,
 * interventions; safety plan rows) take the typing into the new row, not onto the button (where
 * each space typed pressed Add again).
 */

const SLOW = { timeout: 60_000 };

async function clientWithTreatmentTab(
  page: import('@playwright/test').Page,
  backend: import('../../main/ipc/createBackend').Backend,
) {
  await createVault(page);
  const api = caller(backend);
  await api('settings:update', { clinicianName: 'Dr. Sam Field' });
  await api('clients:create', {
    code: 'PP-01',
    startDate: daysAgo(30).slice(0, 10),
    concerns: [],
    goals: [],
  });
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page);
  await openClientFromSidebar(page, 'PP-01');
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
