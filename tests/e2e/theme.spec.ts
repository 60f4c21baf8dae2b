import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { createTestVault, seedDemoVault } from './seed';
import { expectAccessible, passphrase, unlock } from './steps';

// The page background of each theme (tokens.css --color-bg), as the browser computes it.
const lightBackground = 'rgb(247, 246, 243)';
const darkBackground = 'rgb(20, 20, 19)';

const backgroundOf = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

/** Opens one of the sidebar's pages by its name. */
async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
}

async function appearance(page: Page) {
  await openPage(page, 'Settings');
  const section = page.getByRole('region', { name: 'Appearance' });
  await expect(section).toBeVisible();
  return section;
}

async function lockApp(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
}

test('dark chosen in Settings stays on the lock screen, after unlocking and after a restart, whatever the system says', async ({
  page,
  openApp,
  dataDir,
}) => {
  await (await createTestVault(dataDir)).lock();
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  expect(await backgroundOf(page)).toBe(lightBackground);
  await unlock(page);

  const section = await appearance(page);
  await expect(section.getByRole('radio', { name: 'Follow the system' })).toBeChecked();
  await section.getByRole('radio', { name: 'Dark' }).check();
  await expect(section.getByText('Theme saved for this computer.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await backgroundOf(page)).toBe(darkBackground);

  await lockApp(page);
  expect(await backgroundOf(page)).toBe(darkBackground);
  await unlock(page);
  expect(await backgroundOf(page)).toBe(darkBackground);

  // A restart: the window is loaded afresh over the same computer's settings, locked.
  await lockApp(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await backgroundOf(page)).toBe(darkBackground);
  await unlock(page);
  await expect((await appearance(page)).getByRole('radio', { name: 'Dark' })).toBeChecked();
});

test('"Follow the system" follows the system’s light or dark; Light holds against a dark system', async ({
  page,
  openApp,
  dataDir,
}) => {
  await (await createTestVault(dataDir)).lock();
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp();
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  expect(await backgroundOf(page)).toBe(darkBackground);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await backgroundOf(page)).toBe(lightBackground);
  await unlock(page);

  const section = await appearance(page);
  await section.getByRole('radio', { name: 'Light' }).check();
  await expect(section.getByText('Theme saved for this computer.')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await backgroundOf(page)).toBe(lightBackground);

  await section.getByRole('radio', { name: 'Follow the system' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  expect(await backgroundOf(page)).toBe(darkBackground);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await backgroundOf(page)).toBe(lightBackground);
});

test('the UI font is the bundled Inter, loaded from the app’s own files; no request leaves the app', async ({
  page,
  openApp,
  dataDir,
}) => {
  await (await createTestVault(dataDir)).lock();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await openApp();
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  await unlock(page);
  await openPage(page, 'Settings');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  const font = await page.evaluate(async () => {
    await document.fonts.ready;
    const heading = document.querySelector('h1');
    return {
      family: getComputedStyle(heading ?? document.body).fontFamily,
      loaded: document.fonts.check('14px "Inter Variable"'),
      faces: [...document.fonts].filter((f) => f.family.includes('Inter') && f.status === 'loaded').length,
    };
  });
  expect(font.family).toMatch(/^"Inter Variable"/);
  expect(font.loaded).toBe(true);
  expect(font.faces).toBeGreaterThan(0);

  const origin = new URL(page.url()).origin;
  const fontFiles = requests.filter((url) => url.endsWith('.woff2'));
  expect(fontFiles.length).toBeGreaterThan(0);
  expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
});

test('every main screen passes axe in the light and the dark theme', async ({ page, openApp, dataDir }) => {
  test.setTimeout(180_000);
  const demo = await seedDemoVault(dataDir, { clients: 3, sessionsPerClient: 6, seed: 13 });
  const client = demo.clients.find((c) => c.status === 'active') ?? demo.clients[0];
  if (!client) throw new Error('The demo vault has no client.');
  await openApp();
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  await expectAccessible(page, 'the unlock screen');
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();

  for (const name of ['Today', 'Caseload', 'Search', 'Review packets', 'Settings']) {
    await openPage(page, name);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await expectAccessible(page, name);
  }

  const clients = page.getByRole('navigation', { name: 'Clients' });
  // The sidebar's list is virtual: filtered to the code, the client's link is surely drawn.
  const filter = clients.getByRole('searchbox', { name: 'Filter clients' });
  if ((await filter.count()) > 0) await filter.fill(client.code);
  await clients
    .getByRole('link', { name: new RegExp(`^${client.code}( |$)`) })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: new RegExp(client.code), level: 1 })).toBeVisible();
  await expectAccessible(page, 'the client page');
  const patterns = page.getByRole('tab', { name: 'Patterns' });
  if ((await patterns.count()) > 0) {
    await patterns.click();
    await expect(page.getByRole('figure').first()).toBeVisible();
    await expectAccessible(page, 'the client’s patterns');
    await page.getByRole('tab', { name: 'Sessions' }).click();
  }
  await page
    .getByRole('button', { name: /^Open note of / })
    .first()
    .click();
  await expect(page.getByRole('radiogroup', { name: 'Affective attunement', exact: true })).toBeVisible();
  await expectAccessible(page, 'the note editor');
});
