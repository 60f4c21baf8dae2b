import type { Page } from '@playwright/test';
import type { Note } from '../../shared/domain/noteSchema';
import { expect, test } from './harness';
import { daysAgo, seedClient, seedDemoVault } from './seed';
import { goTo, openClientFromSidebar, unlock } from './steps';

/**
 * "Close note" goes back to the page the note was opened from (an outside walk found a note
 * opened from Search closing onto the client's page), and that page comes back as it was left.
 */

const SLOW = { timeout: 30_000 };
const noteHeading = (page: Page) => page.getByRole('heading', { level: 1, name: /^Session note · / });
const closeNote = (page: Page) => page.getByRole('button', { name: 'Close note' });

test('a note opened from Search closes back to Search, its query, results and that result focused', async ({
  page,
  openApp,
  dataDir,
}) => {
  test.setTimeout(120_000);
  await seedDemoVault(dataDir, { clients: 3, sessionsPerClient: 8, seed: 7 });
  await openApp();
  await unlock(page);
  await goTo(page, 'Search');
  const box = page.getByRole('searchbox', { name: 'Search in notes' });
  await box.fill('the');
  await box.press('Enter');
  const results = page.getByRole('region', { name: 'Search results' });
  await expect(results.getByRole('status')).toHaveText(/Showing|notes? found/, SLOW);
  const chosen = results.getByRole('listitem').getByRole('button').nth(3);
  await chosen.focus();
  await chosen.press('Enter');
  await expect(noteHeading(page)).toBeVisible(SLOW);

  await closeNote(page).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Search notes' })).toBeVisible(SLOW);
  await expect(box).toHaveValue('the');
  await expect(chosen).toBeFocused(SLOW);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search', exact: true }),
  ).toHaveAttribute('aria-current', 'page');
});

test("a note opened from Today closes back to Today; one opened from the client's page, to that page", async ({
  page,
  openApp,
  dataDir,
  backend,
}) => {
  test.setTimeout(120_000);
  const { call, session } = await seedClient(dataDir, backend, {
    clinician: 'Dr. Sam Okafor',
    code: 'C-061',
    displayName: 'Noor Hale',
  });
  const drafted = await session(daysAgo(3));
  await call<Note>('notes:create', { sessionId: drafted.id, templateId: 'dap' });
  await call('vault:lock', { reason: 'user' });
  await openApp();
  await unlock(page);

  const toFinish = page.getByRole('region', { name: /^Notes to finish/ });
  await toFinish.getByRole('button', { name: 'Write note' }).first().click();
  await expect(noteHeading(page)).toBeVisible(SLOW);
  await closeNote(page).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible(SLOW);

  await openClientFromSidebar(page, 'C-061');
  await page
    .getByRole('button', { name: /^Open note/ })
    .first()
    .click();
  await expect(noteHeading(page)).toBeVisible(SLOW);
  await closeNote(page).click();
  await expect(page.getByRole('tab', { name: 'Sessions' })).toBeVisible(SLOW);
  await expect(page.getByRole('heading', { level: 1, name: /C-061/ })).toBeVisible();
});
