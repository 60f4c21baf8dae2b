import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { seedDemoVault } from './seed';
import { expectAccessible, openClientFromSidebar, unlock } from './steps';

const panelOf = (page: Page) => page.getByRole('region', { name: 'Diagnoses', exact: true });

test('a diagnosis found by code, picked with the keyboard, saved as primary and shown in the header; a second primary refused with what was typed kept; edited to resolved; axe', async ({
  page,
  openApp,
  dataDir,
}, testInfo) => {
  test.setTimeout(240_000);
  const demo = await seedDemoVault(dataDir, { clients: 1, sessionsPerClient: 2, seed: 21 });
  await openApp();
  await unlock(page);
  await openClientFromSidebar(page, demo.clients[0]!.code);
  await page.getByRole('tab', { name: 'Treatment', exact: true }).click();

  const panel = panelOf(page);
  await expect(panel.getByText(/^ICD-10-CM diagnoses of this client/)).toBeVisible({ timeout: 30_000 });
  await panel.getByRole('button', { name: 'Add a diagnosis' }).click();
  const form = panel.getByRole('form', { name: 'Add a diagnosis' });

  // Saving with nothing chosen says what to do beside the search.
  await form.getByRole('button', { name: 'Add diagnosis' }).click();
  await expect(
    form.getByText('Choose a diagnosis: search by code or words, then pick one from the list.'),
  ).toBeVisible();

  // "F41" lists the F41 codes first, in code order; arrows move to F41.1, Enter chooses it.
  const search = form.getByRole('combobox', { name: 'Search diagnoses' });
  await search.fill('F41');
  const results = form.getByRole('listbox', { name: 'Matching diagnoses' });
  await expect(results.getByRole('option')).toHaveCount(5, { timeout: 30_000 });
  await expect(results.getByRole('option').first()).toHaveText(
    'F41.0 Panic disorder [episodic paroxysmal anxiety]',
  );
  await expectAccessible(page, 'Treatment tab, diagnosis search open');
  await page.screenshot({ path: testInfo.outputPath('diagnosis-search.png') });
  await search.press('ArrowDown');
  await expect(results.getByRole('option', { name: /^F41\.1 / })).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');
  await expect(search).toHaveValue('F41.1 Generalized anxiety disorder');
  await expect(results).toBeHidden();
  await expect(form.getByRole('radio', { name: 'Primary' })).toBeChecked();
  await form.getByLabel('Diagnosed on').fill('2025-01-15');
  await form.getByRole('button', { name: 'Add diagnosis' }).click();

  const table = panel.getByRole('table', { name: 'The client’s diagnoses' });
  const gadRow = table.getByRole('row', { name: /F41\.1/ });
  await expect(gadRow).toContainText('Generalized anxiety disorder');
  await expect(gadRow).toContainText('Primary');
  await expect(gadRow).toContainText('Active');
  await expect(gadRow).toContainText('Jan 15, 2025');
  await expect(panel.getByRole('status')).toHaveText(
    'F41.1 Generalized anxiety disorder saved (primary, active).',
  );
  // The header shows the primary code among the client's facts.
  await expect(page.getByText('Primary diagnosis', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('definition').filter({ hasText: /^F41\.1 Generalized anxiety disorder$/ }),
  ).toBeVisible();

  // A second primary is refused with the reason; the form keeps what was typed.
  await panel.getByRole('button', { name: 'Add a diagnosis' }).click();
  const second = panel.getByRole('form', { name: 'Add a diagnosis' });
  await expect(second.getByRole('radio', { name: 'Secondary' })).toBeChecked();
  const search2 = second.getByRole('combobox', { name: 'Search diagnoses' });
  await search2.fill('generalized anxiety');
  await expect(second.getByRole('option').first()).toHaveText('F41.1 Generalized anxiety disorder', {
    timeout: 30_000,
  });
  await search2.fill('recurrent depression moderate');
  await second.getByRole('option', { name: /^F33\.1 / }).click();
  await second.getByRole('radio', { name: 'Primary' }).check();
  await second.getByLabel('Comment (optional)').fill('PHQ-9 of 14 at intake.');
  await second.getByRole('button', { name: 'Add diagnosis' }).click();
  await expect(second.getByRole('alert')).toHaveText(
    'F41.1 Generalized anxiety disorder is already this client’s primary diagnosis. Save this one as secondary, or first make F41.1 secondary or mark it resolved.',
  );
  await expect(second.getByRole('combobox', { name: 'Search diagnoses' })).toHaveValue(
    'F33.1 Major depressive disorder, recurrent, moderate',
  );
  await expect(second.getByLabel('Comment (optional)')).toHaveValue('PHQ-9 of 14 at intake.');
  await expectAccessible(page, 'Treatment tab, diagnosis refused');
  await second.getByRole('radio', { name: 'Secondary' }).check();
  await second.getByRole('button', { name: 'Add diagnosis' }).click();
  await expect(table.getByRole('row', { name: /F33\.1/ })).toContainText('Secondary');

  // Edited: F41.1 resolved, with its end date; it moves below the current one.
  await table.getByRole('button', { name: 'Edit F41.1' }).click();
  const edit = panel.getByRole('form', { name: 'Edit F41.1' });
  await edit.getByLabel('Status').selectOption('resolved');
  await edit.getByLabel('Resolved on').fill('2025-01-10');
  await edit.getByRole('button', { name: 'Save diagnosis' }).click();
  await expect(edit.getByText('The end date can’t be before the diagnosis date.')).toBeVisible();
  await edit.getByLabel('Resolved on').fill('2025-03-01');
  await edit.getByRole('button', { name: 'Save diagnosis' }).click();
  await expect(edit).toBeHidden();
  await expect(table.getByRole('row').nth(1)).toContainText('F33.1');
  await expect(table.getByRole('row', { name: /F41\.1/ })).toContainText('Resolved');
  await expect(table.getByRole('row', { name: /F41\.1/ })).toContainText('Mar 1, 2025');
  // No current primary now: the header says nothing of a diagnosis.
  await expect(page.getByText('Primary diagnosis', { exact: true })).toBeHidden();
  await expectAccessible(page, 'Treatment tab, two diagnoses');
  await panel.screenshot({ path: testInfo.outputPath('diagnoses-panel.png') });

  // Deleting asks first, then the row is gone.
  await table.getByRole('button', { name: 'Delete F33.1' }).click();
  await panel.screenshot({ path: testInfo.outputPath('diagnosis-delete.png') });
  await table.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(table.getByRole('row', { name: /F33\.1/ })).toHaveCount(0);
  await expect(panel.getByRole('status')).toHaveText('F33.1 deleted.');
});
