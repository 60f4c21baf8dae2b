import { addLongNote, longNoteClientCode } from '../bench/longNote';
import { expect, test } from './harness';
import { createTestVault } from './seed';
import { goTo, openClientFromSidebar, unlock } from './steps';

/**
 * Where the keyboard is left after an action in a note and in search: on what the action made or
 * on the control that started it, never on the page's body or heading; and how a confirmation
 * dialog marks its main action.
 */

/** One client with one draft note of a few sentences ("…the week had been harder…"). */
test.beforeEach(async ({ page, openApp, backend, dataDir }) => {
  await (await createTestVault(dataDir)).lock();
  await addLongNote(backend, 20);
  await openApp();
  await unlock(page);
});

test('outcome measures: a form opened takes focus, and Cancel or Save gives it back to the instrument’s button', async ({
  page,
}) => {
  await openClientFromSidebar(page, longNoteClientCode);
  await page.getByRole('button', { name: /^Open note of / }).click();
  const region = page.getByRole('region', { name: 'Outcome measures' });

  // PHQ-9 opened from the keyboard: on its first answer. Cancel: back on "Add PHQ-9".
  await region.getByRole('button', { name: 'Add PHQ-9' }).press('Enter');
  await expect(region.getByRole('group', { name: /^1\. / }).getByRole('radio').first()).toBeFocused();
  await region.getByRole('button', { name: 'Cancel' }).press('Enter');
  await expect(region.getByRole('button', { name: 'Add PHQ-9' })).toBeFocused();

  // The outcome rating saved with Enter: on the saved measure's Edit button.
  await region.getByRole('button', { name: 'Add Outcome rating' }).press('Enter');
  const items = region.getByRole('spinbutton');
  await expect(items.first()).toBeFocused();
  for (let i = 0; i < 4; i++) await items.nth(i).fill('7');
  await region.getByRole('button', { name: 'Save Outcome rating' }).press('Enter');
  await expect(region.getByRole('button', { name: 'Edit Outcome rating' })).toBeFocused();
  await expect(region.getByText('Total 28 of 40')).toBeVisible();
});

test('the Sign dialog draws Sign as the primary action, not like Cancel', async ({ page }) => {
  await openClientFromSidebar(page, longNoteClientCode);
  await page.getByRole('button', { name: /^Open note of / }).click();
  const signNote = page.getByRole('button', { name: 'Sign note' });
  const primary = await signNote.evaluate((button) => getComputedStyle(button).backgroundColor);
  await signNote.click();
  const dialog = page.getByRole('dialog', { name: 'Sign this note?' });
  const sign = dialog.getByRole('button', { name: 'Sign', exact: true });
  await expect(sign).toHaveCSS('background-color', primary);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).not.toHaveCSS('background-color', primary);
});

test('search: an empty query clears the earlier results and only asks for something to search for', async ({
  page,
}) => {
  await goTo(page, 'Search');
  const box = page.getByRole('searchbox', { name: 'Search in notes' });
  await box.fill('harder');
  await box.press('Enter');
  const results = page.getByRole('region', { name: 'Search results' });
  await expect(results.getByRole('status')).toHaveText('1 note found.');
  await box.fill('');
  await box.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Type something to search for.');
  await expect(results).toHaveCount(0);
  await expect(page.getByText('1 note found.')).toHaveCount(0);
  // A search after it shows results again, without the message.
  await box.fill('harder');
  await box.press('Enter');
  await expect(results.getByRole('status')).toHaveText('1 note found.');
  await expect(page.getByText('Type something to search for.')).toHaveCount(0);
});
