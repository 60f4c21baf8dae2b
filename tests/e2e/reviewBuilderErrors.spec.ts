import { expect, test } from './harness';
import { clinicianCase } from './reviewCase';
import { goTo, unlock } from './steps';

const STEP = { timeout: 20_000 };

/**
 * The packet builder's problems are said at what they are about, not only in an alert after the
 * form: the dates, the sessions or the parts are marked invalid and described by the message, and
 * focus goes there from the Preview button.
 */
test('packet builder: dates the wrong way round, no session and nothing ticked are said at their fields', async ({
  page,
  openApp,
  dataDir,
  backend,
}) => {
  test.setTimeout(60_000);
  const { call } = await clinicianCase(dataDir, backend, [
    '2026-02-02T09:00:00.000Z',
    '2026-02-09T09:00:00.000Z',
  ]);
  await call('vault:lock', { reason: 'user' });
  await openApp();
  await unlock(page);
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'C-021', exact: true }).click();
  await page.getByRole('button', { name: 'Build review packet' }).click();
  const preview = page.getByRole('button', { name: 'Preview', exact: true });

  const from = page.getByLabel('From', { exact: true });
  await from.fill('2026-02-10');
  await page.getByLabel('To', { exact: true }).fill('2026-02-01');
  await preview.press('Enter');
  await expect(from).toBeFocused(STEP);
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await expect(from).toHaveAccessibleDescription(/comes after the “To” date/);

  // Dates holding no session: the Sessions group is not shown, so it is said at the dates.
  await from.fill('2026-03-01');
  await page.getByLabel('To', { exact: true }).fill('2026-03-31');
  await preview.press('Enter');
  await expect(from).toBeFocused(STEP);
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await expect(from).toHaveAccessibleDescription(/No session of this client falls in these dates/);
  await from.fill('');
  await page.getByLabel('To', { exact: true }).fill('');
  await expect(from).not.toHaveAttribute('aria-invalid', 'true');

  const sessions = page.getByRole('group', { name: 'Sessions' });
  for (const box of await sessions.getByRole('checkbox').all()) await box.uncheck();
  await preview.press('Enter');
  await expect(sessions).toHaveAttribute('aria-invalid', 'true', STEP);
  await expect(sessions).toHaveAccessibleDescription(/Tick at least one session/);
  await expect(sessions.getByRole('checkbox').first()).toBeFocused();
  await sessions.getByRole('checkbox').first().check();

  const parts = page.getByRole('group', { name: 'What goes in' });
  for (const box of await parts.getByRole('checkbox').all()) await box.uncheck();
  await preview.press('Enter');
  await expect(parts).toHaveAttribute('aria-invalid', 'true', STEP);
  await expect(parts).toHaveAccessibleDescription(/Tick at least one thing/);
  await expect(parts.getByRole('checkbox').first()).toBeFocused();
  await expect(sessions).not.toHaveAttribute('aria-invalid', 'true');
});
