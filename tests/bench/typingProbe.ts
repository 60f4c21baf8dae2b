import type { Page } from '@playwright/test';

/**
 * Keystroke latency while typing, measured in the page: for every keydown, the time from the
 * event's own timestamp (when the browser received the key) to the first frame after it — a
 * requestAnimationFrame callback followed by a message-channel task — i.e. how long until the
 * typed character can be on screen. Long tasks (> 50 ms, the Long Tasks API) are collected
 * alongside, and Event Timing entries (which Chromium reports from 16 ms up) give a cross-check.
 */
export interface TypingSample {
  /** Per keystroke, ms. */
  latencies: number[];
  /** Durations of the long tasks seen while typing, ms. */
  longTasks: number[];
  /** Keyboard events whose Event Timing duration (input to next paint) exceeded 50 ms. */
  slowEvents: number;
  /** Keystrokes whose event timestamp was unusable, timed from the handler instead (should be 0). */
  handlerTimed: number;
}

interface ProbeState extends TypingSample {
  stop: () => void;
}

type ProbeWindow = Window & { __typingProbe?: ProbeState };

export async function startTypingProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state: ProbeState = {
      latencies: [],
      longTasks: [],
      slowEvents: 0,
      handlerTimed: 0,
      stop: () => undefined,
    };
    const onKey = (event: KeyboardEvent) => {
      const now = performance.now();
      // Trust the event's timestamp when it is a plausible reading of the same clock.
      const stamped = event.timeStamp > 0 && event.timeStamp <= now;
      if (!stamped) state.handlerTimed++;
      const start = stamped ? event.timeStamp : now;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => state.latencies.push(performance.now() - start);
        channel.port2.postMessage(null);
      });
    };
    document.addEventListener('keydown', onKey, true);
    const addLongTasks = (entries: PerformanceEntryList) => {
      for (const entry of entries) state.longTasks.push(entry.duration);
    };
    const addEvents = (entries: PerformanceEntryList) => {
      for (const entry of entries) {
        if (entry.name.startsWith('key') && entry.duration > 50) state.slowEvents++;
      }
    };
    const longTasks = new PerformanceObserver((list) => addLongTasks(list.getEntries()));
    longTasks.observe({ type: 'longtask' });
    const events = new PerformanceObserver((list) => addEvents(list.getEntries()));
    events.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
    state.stop = () => {
      document.removeEventListener('keydown', onKey, true);
      addLongTasks(longTasks.takeRecords());
      addEvents(events.takeRecords());
      longTasks.disconnect();
      events.disconnect();
    };
    (window as ProbeWindow).__typingProbe = state;
  });
}

/** Waits for the last keystroke's frame, stops the probe and returns what it saw. */
export function stopTypingProbe(page: Page): Promise<TypingSample> {
  return page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    await frame();
    await frame();
    const state = (window as ProbeWindow).__typingProbe;
    if (!state) throw new Error('The typing probe was not started.');
    state.stop();
    delete (window as ProbeWindow).__typingProbe;
    const { latencies, longTasks, slowEvents, handlerTimed } = state;
    return { latencies, longTasks, slowEvents, handlerTimed };
  });
}
