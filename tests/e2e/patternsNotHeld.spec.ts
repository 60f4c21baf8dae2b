/**
 * The Patterns tab before a client has two held sessions with notes. A cancelled session's note
 * (why it did not happen) and a note begun for a session still to come are not sessions to chart:
 * the tab must not offer charts, nor ask to "widen the dates" when no dates are chosen, nor
 * promise "the one noted session" and show none.
 */
import type { Note } from '../../shared/domain/noteSchema';
import type { Session } from '../../shared/domain/sessionSchema';
import { expect, test } from './harness';
import { daysAgo, seedClient } from './seed';
import { openClientFromSidebar, unlock } from './steps';

const needTwo = 'Charts of ruptures, repairs and attunement appear here after two sessions with notes.';

test('the Patterns tab counts only held sessions’ notes before it draws charts', async ({
  page,
  openApp,
  dataDir,
  backend,
}) => {
  test.setTimeout(60_000);
  const { call, client, session } = await seedClient(dataDir, backend, {
    clinician: 'Dr. Ana Ruiz',
    code: 'C-NH1',
    displayName: 'Not Held',
  });
  const cancelled = (startsAt: string) =>
    call<Session>('sessions:create', {
      clientId: client.id,
      startsAt,
      durationMinutes: 50,
      modality: 'in-person',
      attendance: 'cancelled',
    });
  // C-NH1: a held session with its note, and a cancelled one with a note saying why.
  const held = await session(daysAgo(14));
  await call<Note>('notes:create', { sessionId: held.id, templateId: 'dap' });
  const called = await cancelled(daysAgo(7));
  await call<Note>('notes:create', { sessionId: called.id, templateId: 'dap' });
  // C-NH2: a held session without a note, and a note begun for a session in two days.
  const other = await call<{ id: string }>('clients:create', {
    code: 'C-NH2',
    displayName: 'Still To Come',
    startDate: '2026-01-05',
    concerns: [],
    goals: [],
  });
  await call<Session>('sessions:create', {
    clientId: other.id,
    startsAt: daysAgo(7),
    durationMinutes: 50,
    modality: 'in-person',
    attendance: 'attended',
  });
  const upcoming = await call<Session>('sessions:create', {
    clientId: other.id,
    startsAt: daysAgo(-2),
    durationMinutes: 50,
    modality: 'in-person',
    attendance: 'attended',
  });
  await call<Note>('notes:create', { sessionId: upcoming.id, templateId: 'dap' });
  await call('vault:lock', { reason: 'user' });

  await openApp();
  await unlock(page);

  await test.step('one held note and a cancelled session’s note: the one session, no charts', async () => {
    await openClientFromSidebar(page, 'C-NH1');
    await page.getByRole('tab', { name: 'Patterns', exact: true }).click();
    const patterns = page.getByRole('region', { name: 'Patterns over time' });
    await expect(patterns.getByText(needTwo)).toBeVisible({ timeout: 30_000 });
    await expect(patterns.getByRole('region', { name: /^Session of / })).toBeVisible();
    await expect(patterns.getByText(/Widen the dates/)).toHaveCount(0);
  });

  await test.step('only a note for a session to come: asks for a held session’s note', async () => {
    await openClientFromSidebar(page, 'C-NH2');
    await page.getByRole('tab', { name: 'Patterns', exact: true }).click();
    const patterns = page.getByRole('region', { name: 'Patterns over time' });
    await expect(patterns.getByText(needTwo)).toBeVisible({ timeout: 30_000 });
    await expect(
      patterns.getByText('Write a session’s note on the Sessions tab to start.', { exact: false }),
    ).toBeVisible();
    await expect(patterns.getByText(/the one noted session/)).toHaveCount(0);
  });
});
