import { expect, test } from './harness';
import { addClientWithSession, createVault, expectAccessible, goTo } from './steps';

// A session once recorded can be put right: its date, length, modality, and above all its
// attendance, when a client calls off a booked session. Before, the sessions table had no way to
// change a session at all (main's sessions:update had no screen), so a cancelled appointment
// stayed "Attended" and kept its place among the upcoming sessions on Today.
test('a booked session is changed, then marked cancelled; a signed note’s session is not offered', async ({
  page,
  openApp,
}, testInfo) => {
  test.setTimeout(120_000);
  await openApp();
  await createVault(page);
  await goTo(page, 'Clients');
  await addClientWithSession(page, 'C-031');
  const table = page.getByRole('table', { name: 'Sessions' });

  const when = await test.step('book a session next week', async () => {
    await page.getByRole('button', { name: 'New session' }).click();
    await page.getByLabel('Date and time').fill('2099-03-09T14:00');
    await page.getByRole('button', { name: 'Save session' }).click();
    const row = table.getByRole('row').filter({ hasText: '2099' });
    await expect(row).toContainText('50 min · In person · Attended');
    const shown = await page.evaluate(() =>
      new Date('2099-03-09T14:00').toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }),
    );
    return shown;
  });

  await test.step('Edit opens the session’s own values; the changes are saved into the row', async () => {
    const edit = page.getByRole('button', { name: `Edit session of ${when}` });
    await edit.click();
    const form = page.getByRole('form', { name: 'Edit session' });
    await expect(form.getByLabel('Date and time')).toBeFocused();
    await expect(form.getByLabel('Date and time')).toHaveValue('2099-03-09T14:00');
    await expect(form.getByLabel('Duration (minutes)')).toHaveValue('50');
    await form.getByLabel('Duration (minutes)').fill('0');
    await form.getByRole('button', { name: 'Save session' }).click();
    await expect(form.getByLabel('Duration (minutes)')).toBeFocused();
    await expect(form.getByRole('alert')).toBeVisible();
    await form.getByLabel('Duration (minutes)').fill('45');
    await form.getByLabel('Modality').selectOption({ label: 'Video' });
    await form.getByRole('button', { name: 'Save session' }).click();
    await expect(form).toHaveCount(0);
    await expect(table.getByRole('row').filter({ hasText: '2099' })).toContainText(
      '45 min · Video · Attended',
    );
    // Back where the user was.
    await expect(edit).toBeFocused();
  });

  await test.step('the client calls it off: marked Cancelled, and Today no longer lists it as upcoming', async () => {
    await goTo(page, 'Today');
    await expect(page.getByRole('region', { name: /^Upcoming/ })).toContainText('C-031');
    await page
      .getByRole('navigation', { name: 'Clients' })
      .getByRole('link', { name: /^C-031/ })
      .click();
    await page.getByRole('button', { name: `Edit session of ${when}` }).click();
    await page.getByLabel('Attendance').selectOption({ label: 'Cancelled' });
    await page.getByRole('button', { name: 'Save session' }).click();
    await expect(table.getByRole('row').filter({ hasText: '2099' })).toContainText(
      '45 min · Video · Cancelled',
    );
    await goTo(page, 'Today');
    await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: /^Upcoming/ })).toHaveCount(0);
  });

  await test.step('a change left unsaved (another page opened) is there on coming back, and saves', async () => {
    await page
      .getByRole('navigation', { name: 'Clients' })
      .getByRole('link', { name: /^C-031/ })
      .click();
    await page.getByRole('button', { name: `Edit session of ${when}` }).click();
    await page.getByLabel('Duration (minutes)').fill('30');
    await expectAccessible(page, 'a session being edited');
    await page.screenshot({ path: testInfo.outputPath('edit-session.png'), fullPage: true });
    await goTo(page, 'Today');
    await page
      .getByRole('navigation', { name: 'Clients' })
      .getByRole('link', { name: /^C-031/ })
      .click();
    const form = page.getByRole('form', { name: 'Edit session' });
    await expect(form.getByLabel('Duration (minutes)')).toHaveValue('30');
    // Saved, the focus goes to its session's row, not back to the sidebar link that opened the page.
    await form.getByRole('button', { name: 'Save session' }).click();
    await expect(form).toHaveCount(0);
    await expect(table.getByRole('row').filter({ hasText: '2099' })).toContainText(
      '30 min · Video · Cancelled',
    );
    await expect(page.getByRole('button', { name: `Edit session of ${when}` })).toBeFocused();
  });

  await test.step('Cancel leaves the session as it was', async () => {
    await page
      .getByRole('navigation', { name: 'Clients' })
      .getByRole('link', { name: /^C-031/ })
      .click();
    await page.getByRole('button', { name: `Edit session of ${when}` }).click();
    await page.getByLabel('Attendance').selectOption({ label: 'Attended' });
    await page.getByRole('form', { name: 'Edit session' }).getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('form', { name: 'Edit session' })).toHaveCount(0);
    await expect(table.getByRole('row').filter({ hasText: '2099' })).toContainText('Cancelled');
  });

  await test.step('a session whose note is signed cannot be changed, so it offers no Edit', async () => {
    await table
      .getByRole('row')
      .filter({ hasNotText: '2099' })
      .getByRole('button', { name: /^New note for/ })
      .click();
    await page.getByRole('textbox', { name: 'Session narrative' }).fill('First session.');
    await page.getByRole('button', { name: 'Sign note' }).click();
    await page.getByLabel('Your name, as it should appear on signed notes').fill('Dr. Ana Ruiz');
    await page.getByRole('dialog').getByRole('button', { name: 'Sign' }).click();
    await expect(page.getByRole('button', { name: 'Sign note' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Close note' }).click();
    await expect(table.getByRole('button', { name: /^Open note of/ })).toHaveCount(1);
    await expect(table.getByRole('button', { name: /^Edit session of/ })).toHaveCount(1);
    await expect(page.getByRole('button', { name: `Edit session of ${when}` })).toHaveCount(1);
  });
});
