/**
 * A clinician in New York holds evening sessions: 8:30 PM there is already the next day in UTC.
 * The Patterns tab must date such a session on the day it was held, as the session list and the
 * date inputs do, and a range ending that day must count it.
 */
import type { Note } from '../../shared/domain/noteSchema';
import { expect, test } from './harness';
import { seedClient } from './seed';
import { openClientFromSidebar, unlock } from './steps';

test.use({ timezoneId: 'America/New_York' });

const DAY = 24 * 60 * 60 * 1000;

/** The UTC calendar date `days` before today, yyyy-mm-dd. */
function utcDaysAgo(days: number): string {
  return new Date(Date.now() - days * DAY).toISOString().slice(0, 10);
}

/** A calendar date as the app shows it (a medium date in the user's locale). */
function shown(date: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.parse(`${date}T00:00:00Z`),
  );
}

test("the Patterns tab dates an evening session on the day it was held in the clinician's zone", async ({
  page,
  openApp,
  dataDir,
  backend,
}) => {
  test.setTimeout(60_000);
  // 01:30 UTC is 8:30 PM (EST) or 9:30 PM (EDT) the evening before in New York.
  const evening = utcDaysAgo(20);
  const heldOn = utcDaysAgo(21);
  const morning = utcDaysAgo(10);
  const { call, session } = await seedClient(dataDir, backend, {
    clinician: 'Dr. Ana Ruiz',
    code: 'C-TZ1',
    displayName: 'Evening Client',
  });
  for (const startsAt of [`${evening}T01:30:00.000Z`, `${morning}T15:00:00.000Z`]) {
    const held = await session(startsAt);
    await call<Note>('notes:create', { sessionId: held.id, templateId: 'dap' });
  }
  await call('vault:lock', { reason: 'user' });

  await openApp();
  await unlock(page);
  await openClientFromSidebar(page, 'C-TZ1');
  await page.getByRole('tab', { name: 'Patterns', exact: true }).click();

  await test.step('the timeline table gives the evening session the day it was held', async () => {
    const figure = page.getByRole('figure', { name: 'Rupture and repair timeline' });
    await expect(figure).toBeVisible({ timeout: 30_000 });
    await figure.getByRole('button', { name: 'View as table' }).click();
    const dates = figure.getByRole('table').locator('tbody tr > :first-child');
    await expect(dates).toHaveText([new RegExp(shown(heldOn)), new RegExp(shown(morning))], {
      timeout: 15_000,
    });
  });

  await test.step('a range of that one day holds the session', async () => {
    const range = page.getByRole('group', { name: 'Date range' });
    await range.getByLabel('From').fill(heldOn);
    await range.getByLabel('To').fill(heldOn);
    await expect(
      page.getByText(`One session with a note from ${shown(heldOn)} to ${shown(heldOn)}`),
    ).toBeVisible({
      timeout: 15_000,
    });
  });
});
