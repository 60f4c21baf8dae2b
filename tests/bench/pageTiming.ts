import type { Locator, Page } from '@playwright/test';

/**
 * Timing inside the page, so Playwright's round trips do not count: an action is dispatched from
 * `evaluate` after reading `performance.now()`, and the end is the first frame after the screen
 * reached the awaited state. That state is checked after every DOM change (MutationObserver) and
 * on every frame; "the first frame after" is a requestAnimationFrame callback followed by a
 * message-channel task, i.e. the moment the browser has produced the frame showing the change.
 */

/** What the screen must show: every selector matched by a visible element, optionally one named one. */
export interface Until {
  visible: string[];
  /** Selectors that, where something matches them, must be visible too (a first result row, if any). */
  visibleIfPresent?: string[];
  /** A visible element matching `selector` whose accessible name (aria-labelledby/aria-label) is `name`. */
  named?: { selector: string; name: string };
}

export interface BenchUtil {
  /** Resolves once `ready()` holds, with the time then (`domAt`) and at the next frame (`frameAt`). */
  waitFor(ready: () => boolean, timeoutMs?: number): Promise<{ domAt: number; frameAt: number }>;
  nextFrame(): Promise<number>;
  visible(element: Element | null | undefined): boolean;
  ready(until: Until): boolean;
  /** The form control whose <label> reads `text`. */
  control(text: string): HTMLInputElement | HTMLTextAreaElement | null;
  /** Sets a controlled input's value the way typing does, so React sees the change. */
  setValue(input: HTMLInputElement | HTMLTextAreaElement, value: string): void;
}

export type BenchWindow = Window & { __bench: BenchUtil };

/** Serialised into the page by `addInitScript`: must not refer to anything outside itself. */
function installBenchUtil(): void {
  const nextFrame = () =>
    new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );
  const visible = (element: Element | null | undefined): boolean =>
    !!element && element.isConnected && element.checkVisibility();
  const nameOf = (element: Element): string => {
    const ids = element.getAttribute('aria-labelledby');
    if (ids) {
      return ids
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
    }
    return (element.getAttribute('aria-label') ?? '').trim();
  };
  const util: BenchUtil = {
    nextFrame,
    visible,
    ready(until) {
      if (!until.visible.every((selector) => visible(document.querySelector(selector)))) return false;
      for (const selector of until.visibleIfPresent ?? []) {
        const element = document.querySelector(selector);
        if (element && !visible(element)) return false;
      }
      const named = until.named;
      if (!named) return true;
      return [...document.querySelectorAll(named.selector)].some(
        (element) => nameOf(element) === named.name && visible(element),
      );
    },
    control(text) {
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
      const control = label?.control;
      return control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement ? control : null;
    },
    setValue(input, value) {
      const proto =
        input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    // Generous: on a busy shared machine a slow screen is a slow figure, not an aborted run.
    waitFor(ready, timeoutMs = 10 * 60_000) {
      return new Promise((resolve, reject) => {
        let done = false;
        const stop = () => {
          done = true;
          observer.disconnect();
          clearTimeout(timer);
        };
        const check = () => {
          if (done) return;
          let ok = false;
          try {
            ok = ready();
          } catch (error) {
            stop();
            reject(error);
            return;
          }
          if (!ok) return;
          stop();
          const domAt = performance.now();
          void nextFrame().then((frameAt) => resolve({ domAt, frameAt }));
        };
        const observer = new MutationObserver(check);
        const timer = setTimeout(() => {
          if (done) return;
          stop();
          reject(new Error(`The screen did not reach the awaited state within ${timeoutMs} ms.`));
        }, timeoutMs);
        observer.observe(document.documentElement, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
        const poll = () => {
          check();
          if (!done) requestAnimationFrame(poll);
        };
        poll();
      });
    },
  };
  (window as unknown as BenchWindow).__bench = util;
}

/** Makes `window.__bench` available in every document the page loads; call before `openApp()`. */
export async function installPageTiming(page: Page): Promise<void> {
  await page.addInitScript(installBenchUtil);
}

export interface Timing {
  /** ms from the click to the DOM reaching the state. */
  dom: number;
  /** ms from the click to the next frame after that: what the user sees. */
  frame: number;
  /** That frame's time as epoch ms (`performance.timeOrigin` based), to compare across timings. */
  frameEpoch: number;
}

/** Clicks `target` from inside the page and times it until the screen shows `until`. */
export function timeClick(target: Locator, until: Until): Promise<Timing> {
  return target.evaluate(async (element, spec) => {
    const bench = (window as unknown as BenchWindow).__bench;
    if (bench.ready(spec)) throw new Error(`Already showing ${JSON.stringify(spec)} before the click.`);
    const start = performance.now();
    (element as HTMLElement).click();
    const { domAt, frameAt } = await bench.waitFor(() => bench.ready(spec));
    return { dom: domAt - start, frame: frameAt - start, frameEpoch: performance.timeOrigin + frameAt };
  }, until);
}

/** Lets the page finish what the last step started (live queries, deferred renders) before timing. */
export async function settle(page: Page, ms = 300): Promise<void> {
  await page.evaluate(
    (wait) =>
      new Promise<void>((resolve) =>
        setTimeout(() => requestIdleCallback(() => resolve(), { timeout: 2000 }), wait),
      ),
    ms,
  );
}
