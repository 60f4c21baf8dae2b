import { emptyAttunement } from '../../shared/domain/attunementSchema';
import type { Note } from '../../shared/domain/noteSchema';
import { emptyParticipation } from '../../shared/domain/participationSchema';
import { expect, test } from './harness';
import { clinicianCase } from './reviewCase';
import { goTo, unlock } from './steps';

// A reader in New York: the sessions below began at 00:30 UTC on Feb 3 and 10, 7:30 PM the day before there.
test.use({ timezoneId: 'America/New_York' });

const STEP = { timeout: 30_000 };

/**
 * A packet states its sessions' times in UTC (its dates may be shifted, and its reader may be
 * anywhere): its charts' tables must date each session and measure by that same UTC day, not by
 * the reader's own, or a session is "Feb 3" in its heading and "Feb 2" in the charts.
 */
test('a packet’s chart tables date sessions and measures by the UTC day the packet shows', async ({
  page,
  openApp,
  dataDir,
  backend,
}) => {
  test.setTimeout(60_000);
  const { call, session } = await clinicianCase(dataDir, backend, []);
  for (const startsAt of ['2026-02-03T00:30:00.000Z', '2026-02-10T00:30:00.000Z']) {
    const s = await session(startsAt);
    const note = await call<Note>('notes:create', { sessionId: s.id, templateId: 'soap' });
    const attunement = emptyAttunement();
    attunement.affective = { rating: 4, unrated: null, observation: '', response: '' };
    await call('notes:saveDraft', {
      id: note.id,
      draft: {
        sections: { subjective: 'A steady hour.', objective: '', assessment: '' },
        attunement,
        coRegulation: '',
        ruptures: [],
        sessionJudgments: { therapistContribution: null, overallResolution: null },
        participation: emptyParticipation(),
        feedback: null,
        plan: '',
      },
    });
    const answers = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`q${n}`, 1]));
    await call('measures:save', {
      sessionId: s.id,
      instrument: 'phq9',
      answers: { ...answers, difficulty: null },
    });
  }
  await call('vault:lock', { reason: 'user' });

  await openApp();
  await unlock(page);
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'C-021', exact: true }).click();
  await page.getByRole('button', { name: 'Build review packet' }).click();
  await page.getByRole('checkbox', { name: 'Shift dates' }).uncheck();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByRole('region', { name: 'Preview: what will leave this computer' });
  await expect(preview.getByRole('heading', { name: /^Session 1 · Feb 3, 2026/ })).toBeVisible(STEP);

  const phq9 = preview.getByRole('figure', { name: 'PHQ-9', exact: true });
  await phq9.getByRole('button', { name: 'View as table' }).click();
  await expect(phq9.locator('tbody tr')).toHaveCount(2, STEP);
  await expect(phq9.locator('tbody tr').first()).toContainText('Feb 3, 2026');

  const trends = preview.getByRole('figure', { name: 'Attunement trends' });
  await trends.getByRole('button', { name: 'View as table' }).click();
  await expect(trends.locator('tbody tr').first()).toContainText('Feb 3, 2026', STEP);
});
