import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { seedDemoVault } from './seed';
import { goTo, unlock } from './steps';

/** A demo vault of 80 notes, unlocked, on the Search page. */
async function openSearch(page: Page, openApp: () => Promise<void>, dataDir: string): Promise<void> {
  await seedDemoVault(dataDir, { clients: 4, sessionsPerClient: 20, seed: 7 });
  await openApp();
  await unlock(page);
  await goTo(page, 'Search');
}

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search in notes' });
const results = (page: Page) => page.getByRole('region', { name: 'Search results' });

async function search(page: Page, query: string): Promise<void> {
  await searchBox(page).fill(query);
  await searchBox(page).press('Enter');
}

test('a result opened and closed: Search comes back with its query, its results and that result focused', async ({
  page,
  openApp,
  dataDir,
}) => {
  test.setTimeout(120_000);
  await openSearch(page, openApp, dataDir);
  await search(page, 'the');
  await expect(results(page).getByRole('status')).toHaveText('Showing 15 of 80 notes.');
  await results(page).getByRole('button', { name: 'Show 50 more' }).press('Enter');
  await expect(results(page).getByRole('status')).toHaveText('Showing 65 of 80 notes.');
  // Far down the list, the keyboard's way: focus on a result, Enter.
  const found = results(page).getByRole('listitem').getByRole('button');
  const chosen = found.nth(40);
  const title = (await chosen.textContent()) ?? '';
  await chosen.focus();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  const top = async () => (await chosen.boundingBox())?.y ?? Number.NaN;
  const placed = await top();
  await chosen.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: new RegExp(`^Session note · ${title}`) }),
  ).toBeVisible({
    timeout: 20_000,
  });

  // Closing the note goes back to Search, which comes back as it was left.
  await page.getByRole('button', { name: 'Close note' }).click();
  await expect(searchBox(page)).toHaveValue('the');
  await expect(results(page).getByRole('status')).toHaveText('Showing 65 of 80 notes.');
  await expect(chosen).toBeFocused();
  await expect(chosen).toBeInViewport();
  // Where it was in the window, give or take a pixel's rounding.
  expect(Math.abs((await top()) - placed)).toBeLessThan(2);
});

test('a query typed and left unsearched is still in the box on coming back', async ({
  page,
  openApp,
  dataDir,
}) => {
  await openSearch(page, openApp, dataDir);
  await searchBox(page).fill('silen');
  await goTo(page, 'Today');
  await goTo(page, 'Search');
  await expect(searchBox(page)).toHaveValue('silen');
  await expect(results(page)).toHaveCount(0);
});

test('a query search cannot take clears the earlier results and says why', async ({
  page,
  openApp,
  dataDir,
}) => {
  await openSearch(page, openApp, dataDir);
  await search(page, 'silences');
  await expect(results(page).getByRole('status')).toHaveText(/notes? found|Showing/);

  // Nothing but punctuation: main's words, and no results of "silences" under them.
  await search(page, '*');
  await expect(page.getByRole('alert')).toHaveText(/has none\. Search for a word near it instead\./);
  await expect(results(page)).toHaveCount(0);

  // Too long: said in words with its length, not as a field's error ("query: …").
  await search(page, 'silences');
  await expect(results(page).getByRole('status')).toBeVisible();
  const long = 'anxious '.repeat(40);
  await search(page, long);
  await expect(page.getByRole('alert')).toHaveText(
    `Search for at most 200 characters; this search has ${long.trim().length}. Shorten it to the words you are looking for.`,
  );
  await expect(results(page)).toHaveCount(0);
  // What was typed stays, to be shortened.
  await expect(searchBox(page)).toHaveValue(long);
  await expect(searchBox(page)).toBeFocused();
});
