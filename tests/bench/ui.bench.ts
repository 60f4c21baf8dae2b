import { resolve } from 'node:path';
import { median } from '../../main/cli/bench/stats';
import { DEFAULT_KDF } from '../../main/vault/kdf';
import { passphrase, unlock } from '../e2e/steps';
import { benchVaultSizes, expect, test } from './benchFixtures';
import { type Metric, metricRow, resultTable, writeResults } from './benchReport';
import {
  activeClient,
  caseloadReady,
  clientChartsReady,
  clientRows,
  editorReady,
  lockApp,
  measureKdf,
  nav,
  openAndUnlock,
  runs,
  searchIndexBuilt,
  searchQueries,
  showClient,
  timeSearch,
  timeUnlockToFilteredList,
} from './benchSteps';
import { addLongNote, callOk, longNoteClientCode } from './longNote';
import { installPageTiming, settle, timeClick } from './pageTiming';
import { startTypingProbe, stopTypingProbe } from './typingProbe';

/**
 * The UI benchmark of issues 4 and 5 ("Performance"): the built renderer in Chromium over the
 * real main-side services (the e2e harness), on a 10,000-note demo vault and a 500-session client.
 * Times are taken inside the page, to the first frame showing the result (pageTiming.ts). A
 * missed target shows as FAIL in the table; a test fails only when a flow breaks.
 */

test.describe.configure({ mode: 'serial' });

const metrics: Metric[] = [];
const context: Record<string, unknown> = {};
let kdfMedianMs: number | undefined;
const add = (metric: Metric) => metrics.push(metric);
const { caseload, longClient } = benchVaultSizes;
const caseloadNotes = (caseload.clients * caseload.sessionsPerClient).toLocaleString('en');

test.beforeEach(async ({ page }) => {
  await installPageTiming(page);
});

test('the KDF alone (Argon2id, default parameters)', async () => {
  const samples = await measureKdf();
  kdfMedianMs = median(samples);
  context.kdf = DEFAULT_KDF;
  add({ id: 'kdf', label: 'KDF alone (Argon2id default)', unit: 'ms', samples });
});

test('unlock → interactive client list, then the first search', async ({ page, openApp, vaultInfo }) => {
  // Unlock: from the click on "Unlock" to the first client row on screen, then — typed at once —
  // "Search clients" narrowing the list to one client, on screen. The KDF is in the total.
  const code = activeClient(vaultInfo, 0.6);
  const firstRow: number[] = [];
  const interactive: number[] = [];
  const firstSearch: number[] = [];
  for (let i = 0; i < runs; i++) {
    await openApp();
    await page.getByLabel('Passphrase').fill(passphrase);
    const timing = await timeUnlockToFilteredList(page, code);
    firstRow.push(timing.firstRow);
    interactive.push(timing.interactive);
    await expect(page.getByRole('button', { name: code, exact: true })).toBeVisible();

    // The first search after unlock: it may wait for the search index main builds in the background.
    await nav(page, 'Search').click();
    firstSearch.push((await timeSearch(page, searchQueries[i % searchQueries.length]!)).ms);
    await lockApp(page);
  }
  const kdf = kdfMedianMs ?? median(await measureKdf());
  add({
    id: 'unlock-first-row',
    label: 'Unlock → first client row (incl. KDF)',
    unit: 'ms',
    samples: firstRow,
  });
  add({
    id: 'unlock-interactive',
    label: 'Unlock → list filters (incl. KDF)',
    unit: 'ms',
    samples: interactive,
  });
  add({
    id: 'unlock-beyond-kdf',
    label: 'Unlock → list filters, beyond the KDF',
    unit: 'ms',
    samples: interactive.map((t) => t - kdf),
    target: { stat: 'median', max: 1500 },
    note: `total minus the KDF median (${kdf.toFixed(0)} ms) measured alone in the same process`,
  });
  add({
    id: 'search-first',
    label: 'First search after unlock',
    unit: 'ms',
    samples: firstSearch,
    note: 'may wait for the background search-index build that starts after the index fill',
  });
});

test('search results, warm', async ({ page, openApp, backend }) => {
  // From the click on "Search" to the results' status line on screen; the page is opened afresh
  // before each query so every result list is a new render. Ten queries, each twice.
  await openAndUnlock(page, openApp);
  await searchIndexBuilt(backend);
  const samples: number[] = [];
  const found: Record<string, string> = {};
  for (let round = 0; round < 2; round++) {
    for (const query of searchQueries) {
      await nav(page, 'Clients').click();
      await nav(page, 'Search').click();
      await settle(page);
      const { ms, status } = await timeSearch(page, query);
      samples.push(ms);
      found[query] = status;
    }
  }
  context.searchResults = found;
  // The queries come from the demo notes: most must find something, or the timing means little.
  expect(Object.values(found).filter((s) => /found/.test(s)).length).toBeGreaterThanOrEqual(8);
  add({
    id: 'search-warm',
    label: 'Search results (warm, 10 queries × 2)',
    unit: 'ms',
    samples,
    target: { stat: 'median', max: 100 },
  });
});

test('opening a note', async ({ page, openApp, backend, vaultInfo }) => {
  // From the click on "Open note" on a client's page to the editor's "Affective attunement"
  // rating group on screen; a different session's note each time.
  await openAndUnlock(page, openApp);
  await searchIndexBuilt(backend);
  const code = activeClient(vaultInfo, 0.3);
  await page.getByRole('button', { name: code, exact: true }).click();
  const openButtons = page.getByRole('button', { name: /^Open note of / });
  // The session rows fill in from the index (live query); wait for them before counting.
  await expect(openButtons.first()).toBeVisible();
  const count = await openButtons.count();
  expect(count).toBeGreaterThan(0);
  const samples: number[] = [];
  for (let i = 0; i < Math.max(runs, 10); i++) {
    await expect(page.getByRole('heading', { name: code, level: 1 })).toBeVisible();
    await expect(page.locator('[data-chart="trends"] svg.recharts-surface')).toBeVisible();
    await settle(page);
    samples.push((await timeClick(openButtons.nth((i * 7) % count), editorReady)).frame);
    await page.getByRole('button', { name: 'Close note' }).click();
  }
  add({ id: 'open-note', label: 'Open a note', unit: 'ms', samples, target: { stat: 'median', max: 100 } });
});

test('typing in a 5,000-word note', async ({ page, openApp, backend }) => {
  const { noteId, text } = await addLongNote(backend, 5000);
  context.longNote = { words: text.split(/\s+/).length, characters: text.length };
  await openAndUnlock(page, openApp);
  await searchIndexBuilt(backend);
  await page.getByRole('button', { name: longNoteClientCode, exact: true }).click();
  await page.getByRole('button', { name: /^Open note of / }).click();
  const narrative = page.getByRole('textbox', { name: 'Session narrative', exact: true });
  await expect(narrative).toHaveValue(text);
  // The caret in the middle of the text, at a paragraph end: everything after it reflows.
  await narrative.evaluate((area: HTMLTextAreaElement) => {
    area.focus();
    const at = area.value.indexOf('\n\n', Math.floor(area.value.length / 2));
    area.setSelectionRange(at, at);
  });
  const typed = ' Towards the end she said it helped to slow down together and to notice it in the body.';
  const chunk = typed.repeat(Math.ceil(200 / typed.length)).slice(0, 200);
  const latencies: number[] = [];
  const longTaskCounts: number[] = [];
  const longTaskMs: number[] = [];
  let slowEvents = 0;
  let handlerTimed = 0;
  for (let i = 0; i < runs; i++) {
    await startTypingProbe(page);
    // ~20 keys a second (faster than anyone types); autosave's 5 s maximum wait fires mid-run.
    await page.keyboard.type(chunk, { delay: 50 });
    const sample = await stopTypingProbe(page);
    expect(sample.latencies.length).toBe(chunk.length);
    latencies.push(...sample.latencies);
    longTaskCounts.push(sample.longTasks.length);
    longTaskMs.push(...sample.longTasks);
    slowEvents += sample.slowEvents;
    handlerTimed += sample.handlerTimed;
    await page.waitForTimeout(1500); // a pause, as between sentences: the debounced save runs here
  }
  await expect(page.getByRole('status', { name: 'Note save state' })).toContainText(/Saved at/);
  const saved = await callOk(backend, 'notes:get', { id: noteId });
  expect(saved.sections.narrative?.length).toBe(text.length + runs * chunk.length);
  context.typing = {
    keystrokes: latencies.length,
    keyDelayMs: 50,
    slowKeyEventsOver50ms: slowEvents,
    keystrokesTimedFromHandler: handlerTimed,
    longTaskMs,
  };
  add({
    id: 'typing-latency',
    label: 'Keystroke → next frame, 5,000-word note',
    unit: 'ms',
    samples: latencies,
    target: { stat: 'p95', max: 50, strict: true },
    note: `${latencies.length} keystrokes, 200 per run, one every ~55 ms`,
  });
  add({
    id: 'typing-long-tasks',
    label: 'Long tasks (> 50 ms) per 200 typed chars',
    unit: 'count',
    samples: longTaskCounts,
  });
});

test.describe('a client with 500 sessions', () => {
  test.use({ benchVault: 'longClient' });

  test('client charts: timeline and trends', async ({ page, openApp, vaultInfo }) => {
    // From the click on the client in the list to the timeline's and the trends' SVG on screen.
    // Cold: the first visit after unlock. Warm: back to the list and in again (the index, the
    // code and the chart components all loaded already).
    const client = vaultInfo.clients[0]!;
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      await openApp();
      await unlock(page);
      const entry = await showClient(page, client.code);
      cold.push((await timeClick(entry, clientChartsReady)).frame);
      await expect(page.getByRole('figure', { name: 'Rupture and repair timeline' })).toContainText(
        `${longClient.sessionsPerClient} sessions`,
      );
      for (let k = 0; k < 2; k++) {
        await page.getByRole('button', { name: 'All clients' }).click();
        await showClient(page, client.code);
        warm.push((await timeClick(entry, clientChartsReady)).frame);
      }
      await lockApp(page);
    }
    add({
      id: 'charts-client-cold',
      label: `Client charts, ${longClient.sessionsPerClient} sessions (cold)`,
      unit: 'ms',
      samples: cold,
    });
    add({
      id: 'charts-client-warm',
      label: `Client charts, ${longClient.sessionsPerClient} sessions (warm)`,
      unit: 'ms',
      samples: warm,
      target: { stat: 'median', max: 200 },
    });
  });
});

test('caseload page over 10,000 notes', async ({ page, openApp, backend }) => {
  // From the click on "Caseload" to all four caseload charts' SVG on screen. Cold: first visit
  // after unlock; warm: back to the clients and in again.
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    await openAndUnlock(page, openApp);
    await searchIndexBuilt(backend);
    await settle(page);
    cold.push((await timeClick(nav(page, 'Caseload'), caseloadReady)).frame);
    for (let k = 0; k < 2; k++) {
      await nav(page, 'Clients').click();
      await expect(page.locator(clientRows).first()).toBeVisible();
      await settle(page);
      warm.push((await timeClick(nav(page, 'Caseload'), caseloadReady)).frame);
    }
    await lockApp(page);
  }
  add({
    id: 'caseload-cold',
    label: `Caseload page, ${caseloadNotes} notes (cold)`,
    unit: 'ms',
    samples: cold,
  });
  add({
    id: 'caseload-warm',
    label: `Caseload page, ${caseloadNotes} notes (warm)`,
    unit: 'ms',
    samples: warm,
    target: { stat: 'median', max: 500 },
  });
});

test.afterAll(async ({ browser }) => {
  if (metrics.length === 0) return;
  const rows = metrics.map(metricRow);
  console.log(`\nUI benchmark (${runs} runs unless stated; times to the first frame showing the result)\n`);
  console.log(resultTable(rows));
  const file = resolve(__dirname, '../../bench-results/ui.json');
  await writeResults(file, rows, {
    browser: `chromium ${browser.version()}`,
    vaults: benchVaultSizes,
    ...context,
  });
  console.log(`\nWrote ${file}.`);
});
