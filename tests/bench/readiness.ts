import type { Page } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import { callOk } from './longNote';
import { type BenchWindow, settle } from './pageTiming';

/**
 * When the app is "everything usable" after unlock: every summary is in the renderer (lists,
 * badges, caseload and client charts complete) and search answers. Warm figures are taken only
 * after that AND after the background work behind it has finished (main's CPU quiet: an index
 * built in a worker thread counts too), so no warm timing runs under the index fill or build.
 *
 * This is the one place that knows how the app signals it; adapt it here when the renderer's
 * fill or main's search index changes. It asks, in order:
 *  - `[data-index-state]` anywhere in the page, if the app exposes one: "ready" means loaded;
 *  - otherwise: the workspace is shown (the Main navigation) and nothing on screen says it is
 *    still loading (no <progress>, no role=progressbar, nothing aria-busy);
 *  - search: `search:notes` answers (it waits for whatever index main needs to answer).
 */

export interface ReadinessUtil {
  /** Every summary is in the renderer (see above). */
  summariesLoaded(): boolean;
  /** Starts watching for `summariesLoaded()`; call right when unlocking starts. */
  watchSummaries(timeoutMs: number): void;
  /** When the watch first saw the summaries loaded: epoch ms of the first frame showing it. */
  summariesLoadedAt(): Promise<number>;
}

export type ReadinessWindow = BenchWindow & { __benchReady: ReadinessUtil };

/** Serialised into the page by `addInitScript`: must not refer to anything outside itself. */
function installReadinessUtil(): void {
  const w = window as unknown as ReadinessWindow;
  let watching: Promise<number> | null = null;
  const util: ReadinessUtil = {
    summariesLoaded() {
      const marked = document.querySelector('[data-index-state]');
      if (marked) return marked.getAttribute('data-index-state') === 'ready';
      if (!document.querySelector('nav[aria-label="Main"]')) return false;
      return !document.querySelector('progress, [role="progressbar"], [aria-busy="true"]');
    },
    watchSummaries(timeoutMs) {
      watching = w.__bench
        .waitFor(() => util.summariesLoaded(), timeoutMs)
        .then(({ frameAt }) => performance.timeOrigin + frameAt);
      // Read later by summariesLoadedAt; a failure must not go unhandled meanwhile.
      watching.catch(() => undefined);
    },
    summariesLoadedAt() {
      return watching ?? Promise.reject(new Error('watchSummaries() was not called.'));
    },
  };
  w.__benchReady = util;
}

/** Makes `window.__benchReady` available in every document; call before `openApp()`. */
export async function installReadiness(page: Page): Promise<void> {
  await page.addInitScript(installReadinessUtil);
}

/** Generous: a busy shared machine must not abort a run; a slow result is reported, not failed. */
export const READY_TIMEOUT_MS = 15 * 60_000;

/** Epoch milliseconds now, comparable with the page's `performance.timeOrigin + performance.now()`. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** Resolves when main's search answers a query (it waits for the index it needs), at epoch ms. */
export async function searchAnswers(backend: Backend): Promise<number> {
  await callOk(backend, 'search:notes', { query: 'warm up', limit: 1 });
  return epochNow();
}

/**
 * Waits until this process (main's services run in it, worker threads included) has used less
 * than `share` of one core for two windows in a row. Returns whether it got quiet in time;
 * never throws, so a machine busy with other work only shows in the report.
 */
export async function untilMainQuiet(
  options: { share?: number; windowMs?: number; timeoutMs?: number } = {},
): Promise<{ quiet: boolean; waitedMs: number }> {
  const { share = 0.15, windowMs = 300, timeoutMs = READY_TIMEOUT_MS } = options;
  const start = performance.now();
  let quietWindows = 0;
  while (performance.now() - start < timeoutMs) {
    const before = process.cpuUsage();
    const at = performance.now();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const used = process.cpuUsage(before);
    const busy = (used.user + used.system) / 1000 / (performance.now() - at);
    quietWindows = busy < share ? quietWindows + 1 : 0;
    if (quietWindows >= 2) return { quiet: true, waitedMs: performance.now() - start };
  }
  return { quiet: false, waitedMs: performance.now() - start };
}

/** What waiting for "everything usable" found, kept in the results beside the warm figures. */
export interface Readiness {
  waitedMs: number;
  mainQuiet: boolean;
}

/**
 * Waits until everything is usable and the work behind it is done: summaries loaded in the
 * renderer, search answering, main's CPU quiet, and the page idle. Call before warm timings.
 */
export async function untilEverythingUsable(page: Page, backend: Backend): Promise<Readiness> {
  const start = performance.now();
  await page.waitForFunction(
    () => (window as unknown as ReadinessWindow).__benchReady.summariesLoaded(),
    null,
    {
      timeout: READY_TIMEOUT_MS,
      polling: 100,
    },
  );
  await searchAnswers(backend);
  const { quiet } = await untilMainQuiet();
  await settle(page, 500);
  return { waitedMs: performance.now() - start, mainQuiet: quiet };
}
