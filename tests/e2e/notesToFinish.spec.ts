import type { Locator, Page } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import type { Note } from '../../shared/domain/noteSchema';
import { expect, test } from './harness';
import { caller, daysAgo, seedClient } from './seed';
import { expectAccessible, goTo, openClientFromSidebar, unlock } from './steps';

/**
 * C-061: a session 5 days ago with no note (overdue at the default 2 days), a session yesterday
 * with no note (not yet overdue), and a DAP note of 4 days ago signed now (a late entry at the
 * default 48 hours). The vault is locked again.
 */
async function seed(dataDir: string, backend: Backend) {
  const seeded = await seedClient(dataDir, backend, {
    clinician: 'Dr. Lee Park',
    code: 'C-061',
    displayName: 'Noa Finch',
  });
  const { call, client } = seeded;
  const session = (days: number) => seeded.session(daysAgo(days));
  const lateSession = await session(4);
  const draft = await call<Note>('notes:create', { sessionId: lateSession.id, templateId: 'dap' });
  const late = await call<Note>('notes:sign', { id: draft.id });
  const overdue = await session(5);
  const recent = await session(1);
  await call('vault:lock', { reason: 'user' });
  return { client, overdue, recent, lateSession, late };
}

const rowsOf = (page: Page, title: string): Locator =>
  page.getByRole('region', { name: new RegExp(`^${title}`) }).getByRole('listitem');

/** Today's date as the app writes it (the browser's locale, medium date). */
const todayInApp = (page: Page) =>
  page.evaluate(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date()));

test('Today lists the notes to finish with how late and which are overdue; one click opens the note; signing late says so first and labels it', async ({
  page,
  openApp,
  dataDir,
  backend,
}, testInfo) => {
  test.setTimeout(180_000);
  const seeded = await seed(dataDir, backend);
  await openApp();
  await unlock(page);
  const finish = page.getByRole('region', { name: /^Notes to finish/ });
  await expect(finish.getByRole('heading', { level: 2 })).toHaveText(/Notes to finish 2 · 1 overdue/);
  const rows = rowsOf(page, 'Notes to finish');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('5 days ago, overdue');
  await expect(rows.nth(0)).toContainText('No note');
  await expect(rows.nth(1)).toContainText('yesterday');
  await expect(rows.nth(1)).not.toContainText('overdue');
  // The note signed 4 days after its session: a late entry, with today's date.
  const today = await todayInApp(page);
  await expect(rowsOf(page, 'Recently signed').nth(0)).toContainText(`Late entry, signed ${today}`);
  await expectAccessible(page, 'Today with notes to finish');
  await page.screenshot({ path: testInfo.outputPath('notes-to-finish.png') });

  // One click: the overdue session's note opens (made with the client's template, DAP).
  await rows.nth(0).getByRole('button', { name: 'Write note' }).click();
  const data = page.getByLabel('Data', { exact: true });
  await expect(data).toBeVisible({ timeout: 30_000 });
  await data.fill('Talked through the week; sleep better since the move.');

  // The sign dialog says the signature will be a late entry before anything is signed.
  await page.getByRole('button', { name: 'Sign note' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign this note?' });
  await expect(dialog).toContainText('This note will be labelled a late entry signed today');
  await expectAccessible(page, 'sign dialog with the late-entry warning');
  await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByText(`Late entry, signed ${today}`)).toBeVisible();
  const signed = await caller(backend)<Note>('sessionNotes:open', { sessionId: seeded.overdue.id });
  expect(signed.status).toBe('signed');
  // Nothing about lateness is stored in the note: it is worked out from the session and the signature.
  expect(Object.keys(signed).filter((key) => /^late|Late/.test(key))).toEqual([]);

  // Back on Today: one note left to finish, none overdue.
  await goTo(page, 'Today');
  await expect(rowsOf(page, 'Notes to finish')).toHaveCount(1);
  await expect(finish.getByRole('heading', { level: 2 })).not.toContainText('overdue');
});

test('a late entry in the client’s sessions and the note header; a correction addendum with its reason, typed; axe', async ({
  page,
  openApp,
  dataDir,
  backend,
}, testInfo) => {
  test.setTimeout(180_000);
  const seeded = await seed(dataDir, backend);
  await openApp();
  await unlock(page);
  const today = await todayInApp(page);
  await openClientFromSidebar(page, 'C-061');
  const table = page.getByRole('table', { name: 'Sessions' });
  const lateRow = table.getByRole('row').filter({ hasText: 'Signed' });
  await expect(lateRow).toHaveCount(1);
  await expect(lateRow).toContainText(`Late entry, signed ${today}`);
  // Sessions without a signed note carry no such label.
  await expect(table.getByText(/Late entry/)).toHaveCount(1);
  await lateRow.getByRole('button', { name: /^Open note of/ }).click();

  await expect(page.locator('.note-header').getByText(`Late entry, signed ${today}`)).toBeVisible({
    timeout: 30_000,
  });

  // A typed addendum: the type and the reason are asked for, and said when missing.
  await page.getByRole('button', { name: 'Add addendum' }).click();
  const addenda = page.locator('.addendum-form');
  await addenda.getByLabel('Addendum', { exact: true }).fill('The move was on 3 March, not 3 May.');
  await addenda.getByRole('button', { name: 'Save addendum' }).click();
  await expect(
    addenda.getByText('Choose what this addendum is: a correction, a clarification or a late entry.'),
  ).toBeVisible();
  await expect(addenda.getByText(/Write the reason for this addendum/)).toBeVisible();
  // What was typed is still there.
  await expect(addenda.getByLabel('Addendum', { exact: true })).toHaveValue(
    'The move was on 3 March, not 3 May.',
  );
  // Nor is it lost by a lock (an idle lock while writing): the form opens again with it.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page);
  await openClientFromSidebar(page, 'C-061');
  await lateRow.getByRole('button', { name: /^Open note of/ }).click();
  await expect(addenda.getByLabel('Addendum', { exact: true })).toHaveValue(
    'The move was on 3 March, not 3 May.',
  );
  await addenda.getByRole('radio', { name: 'Correction' }).check();
  await addenda.getByLabel('Reason', { exact: true }).fill('Client phoned with the correct date.');
  await expectAccessible(page, 'addendum form');
  await addenda.getByRole('button', { name: 'Save addendum' }).click();

  const list = page.locator('ol.addenda');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Correction');
  await expect(list).toContainText('Reason: Client phoned with the correct date.');
  await expect(list).toContainText('The move was on 3 March, not 3 May.');
  await page.screenshot({ path: testInfo.outputPath('typed-addendum.png') });

  const stored = await caller(backend)<Note>('notes:get', { id: seeded.late.id });
  expect(stored.addenda).toEqual([
    expect.objectContaining({
      type: 'correction',
      reason: 'Client phoned with the correct date.',
      text: 'The move was on 3 March, not 3 May.',
    }),
  ]);
  // The signature is as it was signed.
  expect(stored.signed).toEqual(seeded.late.signed);
});

test('Settings → Note deadlines: a wrong value is said and kept; the limits saved move Today’s overdue and late-entry marks', async ({
  page,
  openApp,
  dataDir,
  backend,
}) => {
  test.setTimeout(180_000);
  await seed(dataDir, backend);
  await openApp();
  await unlock(page);
  await expect(page.getByRole('region', { name: /^Notes to finish/ }).getByRole('heading')).toContainText(
    '1 overdue',
  );
  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Note deadlines' });
  const days = section.getByLabel(/^Overdue when unsigned this many days/);
  const hours = section.getByLabel(/^Late entry when signed more than this many hours/);
  await expect(days).toHaveValue('2');
  await expect(hours).toHaveValue('48');
  await days.fill('30');
  await section.getByRole('button', { name: 'Save note deadlines' }).click();
  await expect(section.getByText(/in whole days from 1 to 14/)).toBeVisible();
  await expect(days).toHaveValue('30');
  await expectAccessible(page, 'note deadlines with an error');
  await days.fill('6');
  await hours.fill('120');
  await section.getByRole('button', { name: 'Save note deadlines' }).click();
  await expect(section.getByText(/Note deadlines saved at/)).toBeVisible();

  await goTo(page, 'Today');
  const finish = page.getByRole('region', { name: /^Notes to finish/ });
  await expect(finish.getByRole('listitem')).toHaveCount(2);
  await expect(finish.getByRole('heading')).not.toContainText('overdue');
  await expect(finish.getByRole('listitem').nth(0)).toContainText('5 days ago');
  // Signed 4 days (about 96 hours) after the session: within 120 hours, so no longer a late entry
  // (the row is there, without the label).
  const recent = page.getByRole('region', { name: /^Recently signed/ });
  await expect(recent.getByRole('listitem').first()).toBeVisible();
  await expect(recent).not.toContainText('Late entry');
});
