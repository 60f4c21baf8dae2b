/**
 * The Caseload page of a clinician whose only session is still to come: nothing has taken place,
 * and no dates are chosen, so "Choose other dates above" would send them looking for sessions that
 * no range holds.
 */
import { expect, test } from './harness';
import { daysAgo, seedClient } from './seed';
import { goTo, unlock } from './steps';

test('the Caseload page with only a session to come says none has taken place yet', async ({
  page,
  openApp,
  dataDir,
  backend,
}) => {
  test.setTimeout(60_000);
  const { call, session } = await seedClient(dataDir, backend, {
    clinician: 'Dr. Ana Ruiz',
    code: 'C-FUT',
    displayName: 'First Appointment',
  });
  await session(daysAgo(-3));
  await call('vault:lock', { reason: 'user' });

  await openApp();
  await unlock(page);
  await goTo(page, 'Caseload');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'Caseload reflection' })).toBeVisible({ timeout: 30_000 });
  await expect(main.getByText('No session has taken place yet.', { exact: false })).toBeVisible({
    timeout: 15_000,
  });
  await expect(main.getByText(/Choose other dates/)).toHaveCount(0);

  // With dates chosen that hold nothing, the advice to choose others stays.
  const range = main.getByRole('group', { name: 'Date range' });
  await range.getByLabel('From').fill('2020-01-01');
  await range.getByLabel('To').fill('2020-01-31');
  await expect(main.getByText(/Choose other dates above\./)).toBeVisible({ timeout: 15_000 });
});
