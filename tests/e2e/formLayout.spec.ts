import type { Locator } from '@playwright/test';
import { expect, test } from './harness';
import { createTestVault } from './seed';
import { goTo, unlock } from './steps';

/**
 * Forms as the look-and-feel page has them: a label above its field, a field's description under
 * its label (not beside the field), and a form's button a step under the last field, never
 * touching it, without stretching the gap under that field's label.
 */

const box = async (locator: Locator) => (await locator.boundingBox())!;

test.beforeEach(async ({ page, openApp, dataDir }) => {
  await (await createTestVault(dataDir)).lock();
  await openApp();
  await unlock(page);
});

test('the client code’s description sits under its label, above the field', async ({ page }) => {
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'New client' }).click();
  const form = page.getByRole('form', { name: 'New client' });
  const field = form.getByRole('textbox', { name: 'Client code' });
  await expect(field).toHaveAccessibleDescription(/A pseudonymous code such as C-014/);
  const label = await box(form.getByText('Client code', { exact: true }));
  const help = await box(form.getByText(/A pseudonymous code such as C-014/));
  const input = await box(field);
  expect(help.y).toBeGreaterThanOrEqual(label.y + label.height);
  expect(help.y + help.height).toBeLessThanOrEqual(input.y);
  expect(help.x).toBe(input.x);
  // One line at 1280 px: it no longer wraps beside a field that leaves it no room.
  expect(help.height).toBeLessThan(24);
});

/** The gap from a label to its field, and from the field to the button after it. */
async function gaps(form: Locator, labelText: string, fieldName: string, buttonName: string) {
  const label = await box(form.getByText(labelText, { exact: true }).first());
  const field = await box(form.getByLabel(fieldName, { exact: true }));
  const button = await box(form.getByRole('button', { name: buttonName, exact: true }));
  return {
    toField: field.y - (label.y + label.height),
    toButton: button.y - (field.y + field.height),
    field,
    button,
  };
}

test('Settings: each form’s button is a step under its field, and the label is as close to its field as elsewhere', async ({
  page,
}) => {
  await goTo(page, 'Settings');
  // Each form, the field before its button (whose label is its name), and the button.
  const cases = [
    ['This computer', 'This computer’s name, as your other computers show it', 'Save name'],
    ['Change passphrase', 'Confirm new passphrase', 'Change passphrase'],
    ['Show a new recovery key', 'Current passphrase', 'Show a new recovery key'],
    ['Rotate the vault key', 'Current passphrase', 'Rotate the vault key'],
  ].map(([form, field, button]) => ({
    form: page.getByRole('form', { name: form }),
    label: field!,
    field: field!,
    button: button!,
  }));
  for (const c of cases) {
    const { toField, toButton, field, button } = await gaps(c.form, c.label, c.field, c.button);
    // The label's own 4 px (a little for line-height rounding), as in every other form.
    expect(toField, `${c.button}: label to field`).toBeLessThanOrEqual(8);
    // Under the field, not beside it, with the 16 px step the other forms' buttons have.
    expect(toButton, `${c.button}: field to button`).toBeGreaterThanOrEqual(12);
    expect(toButton, `${c.button}: field to button`).toBeLessThanOrEqual(20);
    expect(button.x, c.button).toBe(field.x);
  }
});
