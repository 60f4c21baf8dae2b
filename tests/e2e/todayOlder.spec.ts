import type { Locator, Page } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import type { Client } from '../../shared/domain/clientSchema';
import type { Session } from '../../shared/domain/sessionSchema';
import { expect, test } from './harness';
import { caller, createTestVault, daysAgo } from './seed';
import { passphrase, unlock } from './steps';

/**
 * C-071: a session 25 days ago with no note (forgotten, past Today's two-week window), one 4 days
 * ago with no note, and one 30 days ago cancelled without a note (it needs none). Locked again.
 */
async function seed(dataDir: string, backend: Backend) {
  await (await createTestVault(dataDir)).lock();
  const call = caller(backend);
  await call('vault:unlock', { passphrase });
  const client = await call<Client>('clients:create', {
    code: 'C-071',
    displayName: 'Ida Moss',
    startDate: '2026-01-05',
    concerns: [],
    goals: [],
  });
  const session = (days: number, attendance: Session['attendance'] = 'attended') =>
    call<Session>('sessions:create', {
      clientId: client.id,
      startsAt: daysAgo(days),
      durationMinutes: 50,
      modality: 'in-person',
      attendance,
    });
  const forgotten = await session(25);
  const recent = await session(4);
  await session(30, 'cancelled');
  await call('vault:lock', { reason: 'user' });
  return { forgotten, recent };
}

const region = (page: Page, title: string): Locator =>
  page.getByRole('region', { name: new RegExp(`^${title}`) });

test('Today lists a session forgotten 25 days ago, with no note, under “Older notes to finish”, overdue; one click starts its note', async ({
  page,
  openApp,
  dataDir,
  backend,
}) => {
  test.setTimeout(180_000);
  const seeded = await seed(dataDir, backend);
  await openApp();
  await unlock(page);

  // The session of 4 days ago is a note to finish, as before.
  const finish = region(page, 'Notes to finish');
  await expect(finish.getByRole('listitem')).toHaveCount(1);
  await expect(finish.getByRole('listitem')).toContainText('4 days ago');

  // The one of 25 days ago, with no note at all, is no longer hidden: the older section lists and counts it.
  const older = region(page, 'Older notes to finish');
  await expect(older.getByRole('heading', { level: 2 })).toHaveText(/^Older notes to finish 1 · 1 overdue/);
  const rows = older.getByRole('listitem');
  // Only the forgotten session: the cancelled one needs no note, the recent one is above.
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText('C-071');
  await expect(rows.nth(0)).toContainText('25 days ago');
  await expect(rows.nth(0)).not.toContainText('4 days ago');

  // One click writes it.
  await rows.nth(0).getByRole('button', { name: 'Write note' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Session note · C-071/ })).toBeVisible({
    timeout: 30_000,
  });
  const note = await caller(backend)<{ sessionId: string; status: string }>('sessionNotes:open', {
    sessionId: seeded.forgotten.id,
  });
  expect(note).toMatchObject({ sessionId: seeded.forgotten.id, status: 'draft' });
});

test('“Show all” pressed by keyboard takes focus to the first row it showed, not to the page', async ({
  page,
  openApp,
  dataDir,
  backend,
}) => {
  test.setTimeout(120_000);
  await (await createTestVault(dataDir)).lock();
  const call = caller(backend);
  await call('vault:unlock', { passphrase });
  const client = await call<Client>('clients:create', {
    code: 'C-072',
    startDate: '2025-10-01',
    concerns: [],
    goals: [],
  });
  // Twelve sessions 20 to 31 days ago, none with a note: more than the section's first eight.
  for (let days = 20; days < 32; days++)
    await call<Session>('sessions:create', {
      clientId: client.id,
      startsAt: daysAgo(days),
      durationMinutes: 50,
      modality: 'in-person',
      attendance: 'attended',
    });
  await call('vault:lock', { reason: 'user' });
  await openApp();
  await unlock(page);

  const older = region(page, 'Older notes to finish');
  const rows = older.getByRole('listitem');
  await expect(rows).toHaveCount(8);
  await older.getByRole('button', { name: 'Show all 12' }).press('Enter');
  await expect(rows).toHaveCount(12);
  // The ninth row's first control: the keyboard carries on with the rows just shown.
  await expect(rows.nth(8).getByRole('button', { name: 'C-072' })).toBeFocused();
});
