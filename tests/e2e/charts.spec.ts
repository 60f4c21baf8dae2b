import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator } from '@playwright/test';
import { generateDemo } from '../../main/services/demo/generateDemo';
import { writeDemo } from '../../main/services/demo/writeDemo';
import { contentHashOf } from '../../main/services/NoteService';
import { caseloadMetrics } from '../../shared/analytics/caseloadMetrics';
import { clientMetrics } from '../../shared/analytics/clientMetrics';
import { dimensionById, dimensionIds, unratedChoice } from '../../shared/domain/dimensions';
import { expect, test } from './harness';
import { createTestVault, openTestVault, seedDemoVault } from './seed';
import { expectAccessible, goTo, passphrase, unlock } from './steps';

const execFileP = promisify(execFile);

test('client charts show the metrics of the seeded vault; a point opens its note', async ({
  page,
  openApp,
  dataDir,
  backend,
  fileChooser,
}, testInfo) => {
  // The CLI report, four charts and axe in both themes: over a minute on a loaded machine.
  test.setTimeout(150_000);
  const demo = await seedDemoVault(dataDir, { clients: 2, sessionsPerClient: 14, seed: 11 });
  const client = demo.clients.find((c) => c.status === 'active')!;
  const expected = clientMetrics(
    client.id,
    demo.sessions.filter((s) => s.clientId === client.id),
    demo.summaries,
    { concernLine: demo.settings.feedbackConcernLine },
  );

  // The CLI's report for this client is computed by the same shared/analytics code: it must
  // carry exactly the metrics the charts below are checked against. The built command line is
  // run as a user runs it (it loads each command's code only when that command runs).
  const { stdout } = await execFileP(
    process.execPath,
    [
      join(__dirname, '../../bin/attune.cjs'),
      'report',
      join(dataDir, 'vault'),
      '--client',
      client.code,
      '--json',
    ],
    // As this computer (its settings in the data folder), not as a second one joining the vault.
    {
      env: { ...process.env, ATTUNE_PASSPHRASE: passphrase, ATTUNE_DATA_DIR: dataDir },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  expect(JSON.parse(stdout).metrics).toEqual(JSON.parse(JSON.stringify(expected)));

  await openApp();
  await unlock(page);
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: client.code, exact: true }).click();
  await page.getByRole('tab', { name: 'Patterns' }).click();
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
  // A dimension without a rating reads as the note's own choice, "Did not come up" or "Could not
  // judge", or "No note"; never "not observed", which the note no longer offers. (This client's
  // notes say "Could not judge" only; tests/unit/charts/unratedWords.test.ts has both apart.)
  const reasons = expected.sessions.flatMap((s) => dimensionIds.map((d) => s.unrated[d]));
  expect(reasons).toContain('could-not-judge');
  const ratingWords = (s: (typeof expected.sessions)[number], d: (typeof dimensionIds)[number]) => {
    const reason = s.unrated[d];
    return s.ratings[d] !== null ? String(s.ratings[d]) : reason ? unratedChoice(reason).label : 'No note';
  };
  await trends.getByRole('button', { name: 'View as table' }).click();
  const trendsTable = trends.getByRole('table');
  await expect(trendsTable.locator('caption')).toHaveText(
    'Attunement trends: ratings 1–5 per session, or why a dimension has none (Did not come up, Could not judge, or No note)',
  );
  const trendCells = trendsTable.locator('tbody tr');
  await expect(trendCells).toHaveCount(expected.sessionCount);
  for (const [i, session] of expected.sessions.entries()) {
    await expect(trendCells.nth(i).locator('td')).toHaveText(
      dimensionIds.map((d) => ratingWords(session, d)),
    );
  }
  await trends.getByRole('button', { name: 'View as table' }).click();

  // Feedback: one dot per session with a complete total.
  const feedback = page.getByRole('figure', { name: 'Session feedback' });
  await expect(feedback.locator('[data-chart="feedback"] .recharts-line-dots > *')).toHaveCount(
    expected.feedback.length,
  );
  const profile = page.getByRole('figure', { name: 'Attunement profile' });
  await expect(profile.locator('[data-chart="profile"] .recharts-radar-dots > *')).toHaveCount(10);
  // The rated session with the most dimensions left unrated: its summary says why for each.
  const unratedIn = (s: (typeof expected.sessions)[number]) =>
    dimensionIds.filter((d) => s.ratings[d] === null);
  const shown = expected.sessions
    .filter((s) => unratedIn(s).length < dimensionIds.length)
    .reduce((a, b) => (unratedIn(b).length > unratedIn(a).length ? b : a));
  expect(unratedIn(shown).length).toBeGreaterThan(0);
  await profile.getByLabel(/^Session/).selectOption(shown.sessionId);
  for (const d of unratedIn(shown)) {
    await expect(profile.locator('figcaption')).toContainText(
      `${dimensionById(d).shortLabel} “${ratingWords(shown, d)}”`,
    );
  }
  await expect(profile.locator('figcaption')).not.toContainText('not observed');

  await expectAccessible(page, 'client charts');
  await page.screenshot({ path: testInfo.outputPath('client-charts.png'), fullPage: true });
  await trends.screenshot({ path: testInfo.outputPath('trends.png') });

  // A chart saved as an image goes where the user chooses (the save dialog suggests its name),
  // Show in folder is offered, and the export is in the vault's audit log.
  fileChooser.acceptNextSave();
  await trends.getByRole('button', { name: 'Export PNG' }).click();
  const saved = trends.getByRole('status').filter({ hasText: 'Chart saved to' });
  await expect(saved.getByRole('button', { name: 'Show in folder' })).toBeVisible();
  const pngPath = fileChooser.saveDefaults.at(-1) ?? '';
  expect(pngPath).toMatch(new RegExp(`/attune-trends-${client.code}-\\d{4}-\\d{2}-\\d{2}\\.png$`));
  await expect(saved).toContainText(pngPath);
  // The image holds all the chart draws, the axes' last labels included.
  await expectImageHoldsChart(pngPath, await drawnExtent(trends));

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
  const vault = await openTestVault(dataDir);
  const audit = await vault.readAudit();
  await vault.lock();
  expect(
    audit.some((e) => e.type === 'export' && e.detail.chart === 'trends' && e.detail.format === 'png'),
  ).toBe(true);
});

/** The boxes of what `locator` finds, drawn on screen. */
async function boxes(locator: Locator) {
  const found = await locator.evaluateAll((elements) =>
    elements.map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: e.textContent ?? '' };
    }),
  );
  return found.filter((b) => b.right > b.left);
}

type Box = Awaited<ReturnType<typeof boxes>>[number];
const overlap = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

test('labels of reference lines and bands sit past the last point; radar ticks clear its labels and points', async ({
  page,
  openApp,
  dataDir,
  backend,
}) => {
  const demo = await seedDemoVault(dataDir, { clients: 2, sessionsPerClient: 14, seed: 11 });
  const client = demo.clients.find((c) => c.status === 'active')!;
  // Outcome ratings that cross the cut-off and run through the non-clinical band's middle.
  const unlocked = await backend.router.call('vault:unlock', { passphrase });
  expect(unlocked.ok).toBe(true);
  const sessions = demo.sessions.filter((s) => s.clientId === client.id);
  for (const [i, session] of sessions.entries()) {
    const item = [4, 5, 6, 7, 8, 8.5, 8][i % 7]!;
    const saved = await backend.router.call('measures:save', {
      sessionId: session.id,
      instrument: 'outcome',
      answers: { individually: item, interpersonally: item, socially: item, overall: item },
    });
    expect(saved.ok).toBe(true);
  }
  await backend.router.call('vault:lock', { reason: 'user' });

  await openApp();
  await unlock(page);
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: client.code, exact: true }).click();
  await page.getByRole('tab', { name: 'Patterns' }).click();

  const feedback = page.getByRole('figure', { name: 'Session feedback' }).locator('[data-chart="feedback"]');
  await expect(feedback.locator('.recharts-line-dots > *').first()).toBeVisible();
  const feedbackDots = await boxes(feedback.locator('.recharts-line-dots > *'));
  // Labels are drawn in a layer of their own, not inside their line's group: found by their text.
  const concern = await boxes(feedback.locator('text.recharts-label', { hasText: /^Concern/ }));
  // Soft: each of the three charts is checked even when one fails.
  expect(concern).toHaveLength(1);
  expect.soft(concern[0]!.left).toBeGreaterThan(Math.max(...feedbackDots.map((d) => d.right)));
  expect.soft(concern[0]!.text).toBe(`Concern ${demo.settings.feedbackConcernLine}`);

  const outcome = page.getByRole('figure', { name: 'Outcome rating', exact: true });
  await expect(outcome.locator('.measure-dot')).toHaveCount(sessions.length);
  const lastPoint = Math.max(...(await boxes(outcome.locator('.measure-dot'))).map((d) => d.right));
  const labels = await boxes(outcome.locator('text.recharts-label', { hasText: /range|cut-off/i }));
  for (const label of labels) expect.soft(label.left, label.text).toBeGreaterThan(lastPoint);
  expect
    .soft(labels.map((b) => b.text).sort())
    .toEqual(['Clinical range', 'Cut-off 25', 'Non-clinical range']);
  // Each label whole inside the chart's own box: none is cut at the edge.
  const svg = (await boxes(outcome.locator('svg.recharts-surface')))[0]!;
  for (const label of labels) expect.soft(label.right, label.text).toBeLessThanOrEqual(svg.right);

  const profile = page.getByRole('figure', { name: 'Attunement profile' }).locator('[data-chart="profile"]');
  await expect(profile.locator('.recharts-radar-dots > *')).toHaveCount(10);
  const ticks = await boxes(profile.locator('.recharts-polar-radius-axis-tick text'));
  expect(ticks.map((t) => t.text)).toEqual(['1', '2', '3', '4', '5']);
  const obstacles = [
    ...(await boxes(profile.locator('.recharts-polar-angle-axis-tick text'))),
    ...(await boxes(profile.locator('.recharts-radar-dots > *'))),
  ];
  for (const tick of ticks)
    for (const other of obstacles)
      expect(overlap(tick, other), `tick ${tick.text} over ${other.text || 'a point'}`).toBe(false);
});

test('the caseload page shows months, preceding dimensions, strategies and markers', async ({
  page,
  openApp,
  dataDir,
  backend,
  fileChooser,
}, testInfo) => {
  // Axe in both themes and three exports: about a minute on a loaded machine.
  test.setTimeout(150_000);
  const demo = await seedDemoVault(dataDir, { clients: 3, sessionsPerClient: 10, seed: 5 });
  const expected = caseloadMetrics(demo.sessions, demo.summaries, {});

  await openApp();
  await unlock(page);
  await page.getByRole('button', { name: 'Caseload' }).click();
  await expect(page.getByRole('heading', { name: 'Caseload reflection', level: 1 })).toBeVisible();
  const months = page.getByRole('figure', { name: 'Dimension means by month' });
  await expect(months.locator('[data-chart="caseload-months"] .recharts-line-curve')).toHaveCount(5);
  // Tab goes from a chart's own buttons to the chart, then on to the next one's controls: none
  // of recharts' unnamed layers in between.
  await months.getByRole('button', { name: 'Export SVG…' }).focus();
  await page.keyboard.press('Tab');
  await expect(months.locator('svg.recharts-surface')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).not.toBe('g');
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

  // A caseload chart's export is in the audit log as the caseload's, not a client's.
  const groups = page.getByRole('figure', { name: 'Repair by strategy group' });
  const exportSvg = groups.getByRole('button', { name: 'Export SVG…' });
  // By keyboard: focus stays on the button pressed while the export runs and after it, whether
  // the save dialog is cancelled or answered (not lost to the page).
  await exportSvg.press('Enter');
  await expect.poll(() => fileChooser.asked.length).toBe(1);
  await expect(exportSvg).toBeFocused();
  fileChooser.acceptNextSave();
  await exportSvg.press('Enter');
  await expect(groups.getByRole('status')).toContainText('Chart saved to');
  await expect(exportSvg).toBeFocused();
  await backend.lock('user');
  const vault = await openTestVault(dataDir);
  const audit = await vault.readAudit();
  await vault.lock();
  const groupExports = audit.filter((e) => e.type === 'export' && e.detail.chart === 'strategy-groups');
  expect(groupExports.map((e) => e.detail.scope)).toEqual(['caseload']);
});

/** Built-in and user vocabulary labels long enough to overflow any fixed label axis. */
const LONG_STRATEGY =
  'Names together what happened between us just before the client went quiet, and asks what it was like for them';
const LONG_MARKER = 'Agrees with everything the therapist says while the body language says the opposite';

/** Demo data with a long custom strategy and marker, used in every rupture that can take them. */
async function seedWithLongLabels(dataDir: string) {
  const data = generateDemo({ clients: 3, sessionsPerClient: 10, seed: 5 });
  data.settings = {
    ...data.settings,
    ruptureVocabulary: {
      markers: [{ id: 'long-marker', type: 'withdrawal', label: LONG_MARKER, description: '' }],
      strategies: [{ id: 'long-strategy', label: LONG_STRATEGY, description: '' }],
    },
  };
  for (const note of data.notes) {
    for (const rupture of note.ruptures) {
      rupture.strategies.push('long-strategy');
      if (rupture.type === 'withdrawal') rupture.markers.push('long-marker');
    }
    // Signed again, as the changed content would no longer match its signature.
    if (note.signed) note.signed = { ...note.signed, contentHash: contentHashOf(note) };
  }
  const vault = await createTestVault(dataDir);
  await writeDemo(vault, data);
  await vault.lock();
}

interface DrawnExtent {
  /** The chart element's width. */
  width: number;
  /** From the leftmost to the rightmost thing drawn, the chart's own box included. */
  drawn: number;
  /** Each text: its content, its left and right edges, its lines, and whether it is a bar-end label. */
  labels: Array<{ text: string; left: number; right: number; lines: number; barEnd: boolean }>;
}

/** The chart's SVG: its width, how wide what it draws is, and where each text is. */
function drawnExtent(figure: Locator): Promise<DrawnExtent> {
  return figure.locator('.recharts-wrapper > svg').evaluate((svg: SVGSVGElement) => {
    const width = svg.width.baseVal.value;
    const box = svg.getBBox();
    const labels = [...svg.querySelectorAll('text')].map((t) => {
      const b = t.getBBox();
      return {
        text: t.textContent ?? '',
        left: b.x,
        right: b.x + b.width,
        lines: t.querySelectorAll('tspan').length,
        barEnd: t.closest('.recharts-label-list') !== null,
      };
    });
    return { width, drawn: Math.max(width, box.x + box.width) - Math.min(0, box.x), labels };
  });
}

/** The saved PNG (drawn at twice the size) is as wide as everything the chart draws. */
async function expectImageHoldsChart(path: string, extent: DrawnExtent) {
  const png = await readFile(path);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  const width = png.readUInt32BE(16); // IHDR
  expect(width).toBeGreaterThanOrEqual(2 * Math.floor(extent.drawn));
  expect(width).toBeLessThanOrEqual(2 * (Math.ceil(extent.drawn) + 10));
  return { width, height: png.readUInt32BE(20) };
}

test('long strategy and marker labels fit their charts and the exported image', async ({
  page,
  openApp,
  dataDir,
  nextChosenFile,
}, testInfo) => {
  await seedWithLongLabels(dataDir);
  await openApp();
  await unlock(page);
  await page.getByRole('button', { name: 'Caseload' }).click();
  await expect(page.getByRole('heading', { name: 'Caseload reflection', level: 1 })).toBeVisible();

  for (const [name, long] of [
    ['Repair strategy success rates', LONG_STRATEGY],
    ['Rupture marker frequencies', LONG_MARKER],
  ] as const) {
    const figure = page.getByRole('figure', { name });
    await expect(figure.locator('.recharts-bar-rectangle').first()).toBeVisible();
    const extent = await drawnExtent(figure);
    // Every label (axis ticks and the numbers past the bars) lies inside the chart.
    for (const label of extent.labels) {
      expect(label.left, `left edge of “${label.text}” in ${name}`).toBeGreaterThanOrEqual(0);
      expect(label.right, `right edge of “${label.text}” in ${name}`).toBeLessThanOrEqual(extent.width);
    }
    // The numbers past the bars keep to one line.
    for (const label of extent.labels.filter((l) => l.barEnd)) {
      expect(label.lines, `lines of “${label.text}” in ${name}`).toBeLessThanOrEqual(1);
    }
    // The long label is shown whole, wrapped onto lines rather than cut.
    const squeezed = (text: string) => text.replace(/\s+/g, '');
    expect(extent.labels.some((l) => squeezed(l.text) === squeezed(long))).toBe(true);
    expect(extent.labels.some((l) => l.text.includes('…'))).toBe(false);
    await figure.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  }

  const strategies = page.getByRole('figure', { name: 'Repair strategy success rates' });
  const pngPath = join(dataDir, 'strategies.png');
  nextChosenFile(pngPath);
  await strategies.getByRole('button', { name: 'Export PNG' }).click();
  await expect(strategies.getByRole('status')).toContainText(`Chart saved to ${pngPath}`);
  const image = await expectImageHoldsChart(pngPath, await drawnExtent(strategies));
  expect(image.height).toBeGreaterThan(2 * 100);
  await testInfo.attach('strategies-export.png', { path: pngPath, contentType: 'image/png' });
});

test('a backwards date range is said in the range’s live region, there before the words come', async ({
  page,
  openApp,
  dataDir,
}) => {
  await seedDemoVault(dataDir, { clients: 1, sessionsPerClient: 4, seed: 5 });
  await openApp();
  await unlock(page);
  await goTo(page, 'Caseload');
  const range = page.getByRole('group', { name: 'Date range' });
  const said = range.getByRole('status');
  await expect(said).toHaveText('');
  await range.getByLabel('From').fill('2026-03-15');
  await range.getByLabel('To').fill('2026-01-01');
  await expect(said).toHaveText('The From date is after the To date, so no session falls in this range.');
  await range.getByRole('button', { name: 'All dates' }).click();
  await expect(said).toHaveText('');
});

test('a month opened from the monthly table takes focus to its sessions, and Close month gives it back', async ({
  page,
  openApp,
  dataDir,
}) => {
  await seedDemoVault(dataDir, { clients: 1, sessionsPerClient: 8, seed: 5 });
  await openApp();
  await unlock(page);
  await goTo(page, 'Caseload');
  const months = page.getByRole('figure', { name: 'Dimension means by month' });
  await months.getByRole('button', { name: 'View as table' }).press('Enter');
  const month = months.getByRole('table').getByRole('button').first();
  const name = (await month.textContent()) ?? '';
  await month.press('Enter');
  const opened = page.getByRole('region', { name: new RegExp(`^Sessions in ${name}`) });
  await expect(opened.getByRole('heading', { level: 3 })).toBeFocused();
  await opened.getByRole('button', { name: 'Close month' }).press('Enter');
  await expect(opened).toHaveCount(0);
  await expect(month).toBeFocused();

  // A note opened from the month's list, then the page again: the range and the month are as
  // they were left, and the note's date has the focus (they were lost: all dates, no month).
  const range = page.getByRole('group', { name: 'Date range' });
  await range.getByLabel('From').fill('2000-01-01');
  await month.press('Enter');
  await expect(opened.getByRole('heading', { level: 3 })).toBeFocused();
  const date = opened.getByRole('rowheader').getByRole('button').first();
  const dateText = (await date.textContent()) ?? '';
  await date.press('Enter');
  await expect(
    page
      .getByRole('button', { name: 'Sign note' })
      .or(page.getByText(/Signed on/))
      .first(),
  ).toBeVisible();
  await goTo(page, 'Caseload');
  await expect(range.getByLabel('From')).toHaveValue('2000-01-01');
  await expect(opened.getByRole('heading', { level: 3 })).toBeVisible();
  await expect(opened.getByRole('button', { name: dateText, exact: true })).toBeFocused();
  // Closed now, with nothing left that chose it: focus goes to the page's heading, not the page.
  await opened.getByRole('button', { name: 'Close month' }).press('Enter');
  await expect(opened).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload reflection' })).toBeFocused();
});
