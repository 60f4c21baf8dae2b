import { expect, test } from './harness';
import { seedDemoVault } from './seed';
import { goTo, unlock } from './steps';

test('the client list of 24 clients: its count said as it is filtered, sorted by a column by keyboard', async ({
  page,
  openApp,
  dataDir,
}) => {
  test.setTimeout(120_000);
  const demo = await seedDemoVault(dataDir, { clients: 24, sessionsPerClient: 6, seed: 3 });
  const active = demo.clients.filter((c) => c.status === 'active');
  const matching = active.filter((c) => c.code.includes('C-01'));
  await openApp();
  await unlock(page);
  await goTo(page, 'Clients');

  const count = page.getByRole('main').getByRole('status');
  const table = page.getByRole('table', { name: 'Clients' });
  await expect(count).toHaveText(`${active.length} active clients.`);
  await expect(table.locator('tbody tr')).toHaveCount(active.length);
  // Rows at the list density UI.md asks (32–36 px): the code's button made them 45 px.
  const row = await table.locator('tbody tr').first().boundingBox();
  expect(row?.height).toBeLessThanOrEqual(37);

  // Typed into the search field: the count follows, in the live region.
  const search = page.getByRole('searchbox', { name: 'Search clients' });
  await search.fill('C-01');
  await expect(count).toHaveText(`${matching.length} of ${active.length} active clients match “C-01”.`);
  await search.fill('zz');
  await expect(count).toHaveText('No client matches “zz”.');
  await expect(table).toHaveCount(0);
  await search.fill('');

  // Sorted by last session, the longest unseen first, then the other way; focus stays on the header.
  const lastHeader = table.getByRole('columnheader', { name: 'Last session' });
  const sortByLast = lastHeader.getByRole('button', { name: 'Last session' });
  await expect(table.getByRole('columnheader', { name: 'Code' })).toHaveAttribute('aria-sort', 'ascending');
  await sortByLast.press('Enter');
  await expect(lastHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('columnheader', { name: 'Code' })).not.toHaveAttribute('aria-sort');
  await expect(sortByLast).toBeFocused();
  const lastDates = async () =>
    (await table.locator('tbody tr td:nth-child(5)').allTextContents())
      .filter((text) => text !== '—')
      .map((text) => Date.parse(text));
  const ascending = await lastDates();
  expect(ascending.length).toBeGreaterThan(1);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await sortByLast.press('Enter');
  await expect(lastHeader).toHaveAttribute('aria-sort', 'descending');
  const descending = await lastDates();
  expect(descending).toEqual([...ascending].sort((a, b) => b - a));
});
