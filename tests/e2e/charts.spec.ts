import { join } from 'node:path';
import { runCli } from '../../main/cli/runCli';
import { Vault } from '../../main/vault/Vault';
import { caseloadMetrics } from '../../shared/analytics/caseloadMetrics';
import { clientMetrics } from '../../shared/analytics/clientMetrics';
import { dimensionIds } from '../../shared/domain/dimensions';
import { expect, test } from './harness';
import { seedDemoVault } from './seed';
import { expectAccessible, passphrase, unlock } from './steps';

test('client charts show the metrics of the seeded vault; a point opens its note', async ({
  page,
  openApp,
  dataDir,
  backend,
}, testInfo) => {
  const demo = await seedDemoVault(dataDir, { clients: 2, sessionsPerClient: 14, seed: 11 });
  const client = demo.clients.find((c) => c.status === 'active')!;
  const expected = clientMetrics(
    client.id,
    demo.sessions.filter((s) => s.clientId === client.id),
    demo.summaries,
    { concernLine: demo.settings.feedbackConcernLine },
  );

  // The CLI's report for this client is computed by the same shared/analytics code: it must
  // carry exactly the metrics the charts below are checked against.
  const out: string[] = [];
  const io = {
    out: (t: string) => out.push(t),
    err: () => undefined,
    env: { ATTUNE_PASSPHRASE: passphrase },
    promptSecret: async () => passphrase,
  };
  expect(await runCli(['report', join(dataDir, 'vault'), '--client', client.code, '--json'], io)).toBe(0);
  expect(JSON.parse(out.join('\n')).metrics).toEqual(JSON.parse(JSON.stringify(expected)));

  await openApp();
  await unlock(page);
  await page.getByRole('button', { name: client.code, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Patterns over time' })).toBeVisible();

  // Timeline: the table view carries the same numbers as the metrics, session by session.
  const timeline = page.getByRole('figure', { name: 'Rupture and repair timeline' });
  await expect(timeline.locator('[data-chart="timeline"] svg.recharts-surface')).toBeVisible();
  await expect(timeline.getByRole('figure').or(timeline)).toContainText(`${expected.sessionCount} sessions`);
  // One bar per non-zero count: ruptures by type, and repairs by outcome (recharts draws no zero bar).
  const nonZeroBars = expected.sessions.reduce(
    (n, s) =>
      n +
      [
        s.rupturesByType.withdrawal,
        s.rupturesByType.confrontation,
        s.outcomes.resolved,
        s.outcomes.partial,
        s.outcomes.unresolved,
        s.outcomes.unrated,
      ].filter((count) => count > 0).length,
    0,
  );
  await expect(timeline.locator('[data-chart="timeline"] .recharts-bar-rectangle')).toHaveCount(nonZeroBars);
  await timeline.getByRole('button', { name: 'View as table' }).click();
  const rows = timeline.locator('tbody tr');
  await expect(rows).toHaveCount(expected.sessionCount);
  for (const [i, session] of expected.sessions.entries()) {
    const cells = rows.nth(i).locator('td');
    await expect(cells.nth(0)).toHaveText(String(session.rupturesByType.withdrawal));
    await expect(cells.nth(1)).toHaveText(String(session.rupturesByType.confrontation));
  }

  // Trends: one line per dimension, one dot per rated session; a dimension can be hidden.
  const trends = page.getByRole('figure', { name: 'Attunement trends' });
  const trendsSvg = trends.locator('[data-chart="trends"]');
  await expect(trendsSvg.locator('.recharts-line-curve')).toHaveCount(5);
  const rated = dimensionIds.reduce((n, d) => n + expected.dimensionTrends[d].rated, 0);
  await expect(trendsSvg.locator('.recharts-line-dots > *')).toHaveCount(rated);
  await trends.getByRole('checkbox', { name: 'Rhythmic attunement' }).uncheck();
  await expect(trendsSvg.locator('.recharts-line-curve')).toHaveCount(4);
  await trends.getByRole('checkbox', { name: 'Rhythmic attunement' }).check();

  // Feedback: one dot per session with a complete total.
  const feedback = page.getByRole('figure', { name: 'Session feedback' });
  await expect(feedback.locator('[data-chart="feedback"] .recharts-line-dots > *')).toHaveCount(
    expected.feedback.length,
  );
  const profile = page.getByRole('figure', { name: 'Attunement profile' });
  await expect(profile.locator('[data-chart="profile"] .recharts-radar-dots > *')).toHaveCount(10);

  await expectAccessible(page, 'client charts');
  await page.screenshot({ path: testInfo.outputPath('client-charts.png'), fullPage: true });
  await trends.screenshot({ path: testInfo.outputPath('trends.png') });

  // A chart saved as an image downloads, and the export is in the vault's audit log.
  const download = page.waitForEvent('download');
  await trends.getByRole('button', { name: 'Export PNG' }).click();
  expect((await download).suggestedFilename()).toMatch(
    new RegExp(`^attune-trends-${client.code}-\\d{4}-\\d{2}-\\d{2}\\.png$`),
  );

  // Clicking a session point opens that session's note.
  // Through the mouse, as a user would: recharts takes the click on the chart surface under the dot.
  const dot = await trendsSvg.locator('.recharts-line-dots > *').first().boundingBox();
  expect(dot).not.toBeNull();
  await page.mouse.move(dot!.x + dot!.width / 2, dot!.y + dot!.height / 2);
  await page.mouse.down();
  await page.mouse.up();
  await expect(page.getByRole('heading', { name: /Session note/, level: 1 })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'Affective attunement' })).toBeVisible();

  await backend.lock('user');
  const vault = await Vault.open(join(dataDir, 'vault'), { passphrase });
  const audit = await vault.readAudit();
  await vault.lock();
  expect(
    audit.some((e) => e.type === 'export' && e.detail.chart === 'trends' && e.detail.format === 'png'),
  ).toBe(true);
});

test('the caseload page shows months, preceding dimensions, strategies and markers', async ({
  page,
  openApp,
  dataDir,
}, testInfo) => {
  const demo = await seedDemoVault(dataDir, { clients: 3, sessionsPerClient: 10, seed: 5 });
  const expected = caseloadMetrics(demo.sessions, demo.summaries, {});

  await openApp();
  await unlock(page);
  await page.getByRole('button', { name: 'Caseload' }).click();
  await expect(page.getByRole('heading', { name: 'Caseload reflection', level: 1 })).toBeVisible();
  const months = page.getByRole('figure', { name: 'Dimension means by month' });
  await expect(months.locator('[data-chart="caseload-months"] .recharts-line-curve')).toHaveCount(5);
  await months.getByRole('button', { name: 'View as table' }).click();
  await expect(months.locator('tbody tr')).toHaveCount(expected.months.length);
  const weakest = expected.clinicianProfile.weakest;
  if (weakest)
    await expect(
      page.getByText(new RegExp(`weakest dimension in this range: ${weakest.label}`)),
    ).toBeVisible();
  const markers = page.getByRole('figure', { name: 'Rupture marker frequencies' });
  await expect(markers.locator('[data-chart="markers"] .recharts-bar-rectangle')).toHaveCount(
    expected.markerFrequencies.length,
  );
  await expectAccessible(page, 'caseload');
  await page.screenshot({ path: testInfo.outputPath('caseload.png'), fullPage: true });
});
