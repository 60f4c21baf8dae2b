import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import { DEFAULT_KDF, deriveKek, SALT_BYTES } from '../../main/vault/kdf';
import { passphrase, unlock } from '../e2e/steps';
import { expect, type SeededVault } from './benchFixtures';
import { settle, timeClick, type Until } from './pageTiming';
import { READY_TIMEOUT_MS, type ReadinessWindow } from './readiness';

/** Steps and screen states the UI benchmark is made of. */

/** Repetitions of each measurement (ATTUNE_BENCH_RUNS overrides, e.g. 2 for a quick check). */
export const runs = Number(process.env.ATTUNE_BENCH_RUNS ?? 5);

export const clientRows = 'table.list tbody tr';
/** The sidebar's client list (virtual: the rows in view) and its filter. */
export const sidebarClientRows = 'nav[aria-label="Clients"] a.sidebar-client';
const sidebarFilter = 'nav[aria-label="Clients"] input[aria-label="Filter clients"]';
/**
 * Today with its sections computed from the index (or its one empty-state sentence), and main's
 * answer about plan reviews in (due or none; that part arrives by its own call): the bench vaults
 * hold `attune demo`'s plans, some past their review date.
 */
const todayReady = 'main.today[data-plan-reviews="loaded"][data-sections="loaded"]';
export const editorReady: Until = {
  visible: [],
  named: { selector: '[role="radiogroup"]', name: 'Affective attunement' },
};
export const clientChartsReady: Until = {
  visible: [
    '[data-chart="timeline"] svg.recharts-surface',
    '[data-chart="trends"] svg.recharts-surface',
    // The bench's long client has outcome measures (benchFixtures): their chart is part of the page.
    '[data-chart="measure-outcome"] svg.recharts-surface',
  ],
};
export const caseloadReady: Until = {
  visible: ['caseload-months', 'preceding', 'strategies', 'markers'].map(
    (id) => `[data-chart="${id}"] svg.recharts-surface`,
  ),
};

export const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });

/** The KDF alone (Argon2id with the default parameters, as in the seeded vaults), in this process. */
export async function measureKdf(): Promise<number[]> {
  await deriveKek(passphrase, randomBytes(SALT_BYTES), DEFAULT_KDF); // loads and compiles the WASM once
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await deriveKek(passphrase, randomBytes(SALT_BYTES), DEFAULT_KDF);
    samples.push(performance.now() - start);
  }
  return samples;
}

/** One run of the KDF alone, in this process (where main's services run), in ms. */
export async function kdfOnce(): Promise<number> {
  const start = performance.now();
  (await deriveKek(passphrase, randomBytes(SALT_BYTES), DEFAULT_KDF)).fill(0);
  return performance.now() - start;
}

/**
 * Clicks "Unlock" from inside the page and times it to the first client row on screen (the
 * sidebar's list, beside Today), then types `code` into "Filter clients" at once and times it
 * (from the same click) to the list narrowed to that one client on screen: the list is then not
 * just drawn but answering. Meanwhile it times Today's sections on screen (computed from the
 * index once sessions and note summaries are in). Also starts watching, from the click, for every
 * summary to be in (readiness.ts), and returns the click's time as epoch ms so main-side events
 * can be timed from it.
 */
export function timeUnlockToFilteredList(page: Page, code: string) {
  return page.getByRole('button', { name: 'Unlock' }).evaluate(
    async (button, [selector, filterSelector, todaySelector, wanted, readyTimeout]) => {
      const w = window as unknown as ReadinessWindow;
      const bench = w.__bench;
      const rows = () => [...document.querySelectorAll(selector)];
      const start = performance.now();
      (button as HTMLButtonElement).click();
      w.__benchReady.watchSummaries(readyTimeout);
      const today = bench.waitFor(() => bench.visible(document.querySelector(todaySelector)));
      const shown = await bench.waitFor(() => bench.visible(rows()[0]));
      const input = document.querySelector(filterSelector);
      if (!(input instanceof HTMLInputElement)) throw new Error('No "Filter clients" field above the list.');
      bench.setValue(input, wanted);
      const filtered = await bench.waitFor(() => {
        const all = rows();
        return all.length === 1 && all[0]!.querySelector('.sidebar-client-code')?.textContent === wanted;
      });
      return {
        firstRow: shown.frameAt - start,
        interactive: filtered.frameAt - start,
        today: (await today).frameAt - start,
        clickEpoch: performance.timeOrigin + start,
      };
    },
    [sidebarClientRows, sidebarFilter, todayReady, code, READY_TIMEOUT_MS] as const,
  );
}

/**
 * Opens the app fresh (a new renderer, as a new window would be), unlocks through the screen
 * (Today opens) and goes to the Clients page.
 */
export async function openAndUnlock(page: Page, openApp: () => Promise<void>): Promise<void> {
  await openApp();
  await unlock(page);
  await nav(page, 'Clients').click();
  await expect(page.locator(clientRows).first()).toBeVisible();
}

export async function lockApp(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
}

/** An active client's code (the list opens on active clients), `at` (0…1) along the list. */
export function activeClient(vault: SeededVault, at: number): string {
  const active = vault.clients.filter((c) => c.status === 'active');
  return active[Math.min(active.length - 1, Math.floor(active.length * at))]!.code;
}

/** The client's entry in the Clients page's list, whatever its status, with the page settled. */
export async function showClient(page: Page, code: string) {
  await nav(page, 'Clients').click();
  await page.getByLabel('Show', { exact: true }).selectOption('all');
  const entry = page.getByRole('button', { name: code, exact: true });
  await expect(entry).toBeVisible();
  await settle(page);
  return entry;
}

/**
 * Times every call of `method` through the backend's router (main's side of a UI action: input
 * validation, the service, the answer's encoding), until the returned stop function is called.
 * The rest of a UI figure is transport and the renderer; the harness's transport (Playwright's
 * exposeFunction) is slower than Electron's IPC, so this split says how much of a figure is main.
 */
export function timeRouterCalls(backend: Backend, method: string): { samples: number[]; stop: () => void } {
  const samples: number[] = [];
  const router = backend.router;
  const call = router.call;
  router.call = async (m, input) => {
    if (m !== method) return call(m, input);
    const start = performance.now();
    try {
      return await call(m, input);
    } finally {
      samples.push(performance.now() - start);
    }
  };
  return {
    samples,
    stop: () => {
      router.call = call;
    },
  };
}

/** The same queries as the CLI benchmark and its reference engine (SQLite FTS5). */
export { searchQueries } from '../../main/cli/bench/searchQueries';

/** Where a search's time went, from the search page's User Timing marks (searchTiming.ts). */
export interface SearchSplit {
  /** From the click to the query sent (the page's own event handling). */
  toAsk: number;
  /** From the query sent to main's answer in the renderer: main answering plus the transport. */
  toAnswer: number;
  /** From the answer in the renderer to the results painted: parsing, React, layout, paint, the frame. */
  toScreen: number;
  /** Of toScreen, from the answer to React committing the results (parsing and rendering). */
  toCommit: number;
}

/**
 * Opens the Search page with no results on it, as before a new search. Search comes back as it
 * was left (its query and results, searched again), so results kept from an earlier search are
 * cleared (clearSearch) and what that set off is let finish: every timed search is then a fresh
 * result list, with nothing else in flight.
 */
export async function openFreshSearch(page: Page): Promise<void> {
  await nav(page, 'Search').click();
  const box = page.getByLabel('Search in notes');
  await expect(box).toBeVisible();
  if ((await box.inputValue()) !== '' || (await page.locator(RESULTS).count()) > 0) await clearSearch(page);
  await settle(page);
}

const RESULTS = 'section[aria-label="Search results"]';

/**
 * An empty search on the Search page: its results go, and nothing is kept to be searched again
 * when the page is next opened (so no search but the timed ones reaches main while timing).
 */
export async function clearSearch(page: Page): Promise<void> {
  const box = page.getByLabel('Search in notes');
  await box.fill('');
  await box.press('Enter');
  await expect(page.locator(RESULTS)).toHaveCount(0);
}

/**
 * Submits `query` on the search page, timed from the click on "Search" to the results on screen:
 * the status line and, when something was found, the first result with its snippets (a user
 * waits for the rows, not for the count); returns the time and the status text, and where the
 * time went (the page's marks of the query sent and the answer received, on the same clock).
 */
export async function timeSearch(
  page: Page,
  query: string,
): Promise<{ ms: number; status: string; frameEpoch: number; split: SearchSplit }> {
  await page.getByLabel('Search in notes').fill(query);
  const submit = page.getByRole('search').getByRole('button', { name: 'Search', exact: true });
  const results = 'section[aria-label="Search results"]';
  const timing = await timeClick(submit, {
    visible: [`${results} [role="status"]`],
    visibleIfPresent: [`${results} li:first-child dd mark`],
  });
  const status = page.getByRole('region', { name: 'Search results' }).getByRole('status');
  await expect(status).toHaveText(/notes? found|No note matches|Showing \d+ of \d+ notes/);
  const marks = await page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name, 'mark').at(-1)?.startTime ?? Number.NaN;
    return {
      origin: performance.timeOrigin,
      asked: at('attune:search:asked'),
      answered: at('attune:search:answered'),
      committed: at('attune:search:committed'),
    };
  });
  const frame = timing.frameEpoch - marks.origin;
  const click = frame - timing.frame;
  return {
    ms: timing.frame,
    status: (await status.textContent()) ?? '',
    frameEpoch: timing.frameEpoch,
    split: {
      toAsk: marks.asked - click,
      toAnswer: marks.answered - marks.asked,
      toScreen: frame - marks.answered,
      toCommit: marks.committed - marks.answered,
    },
  };
}

/**
 * The harness's transport alone: `count` calls of a method that does next to nothing in main
 * ("appearance:get"), each timed in the page from the call to its answer, minus main's own time
 * for it (router calls timed in this process). What any answer pays to cross, whatever its work.
 */
export async function timeTransport(page: Page, backend: Backend, count = 30): Promise<number[]> {
  const inMain = timeRouterCalls(backend, 'appearance:get');
  try {
    const roundTrips = await page.evaluate(async (n) => {
      const api = (window as unknown as { attune: { invoke: (method: string) => Promise<unknown> } }).attune;
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const start = performance.now();
        await api.invoke('appearance:get');
        times.push(performance.now() - start);
      }
      return times;
    }, count);
    return roundTrips.map((t, i) => t - (inMain.samples[i] ?? 0));
  } finally {
    inMain.stop();
  }
}
