/**
 * Peak memory of the benchmark process: the largest RSS seen by sampling, and the kernel's own
 * high-water mark (`maxRSS`), which also catches peaks between samples.
 */
export class MemorySampler {
  #peakRss = 0;
  #phasePeak = 0;
  #timer: NodeJS.Timeout | undefined;

  start(intervalMs = 20): void {
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
  }

  sample(): void {
    const rss = process.memoryUsage.rss();
    this.#peakRss = Math.max(this.#peakRss, rss);
    this.#phasePeak = Math.max(this.#phasePeak, rss);
  }

  /** Starts tracking the peak of one phase (e.g. loading), apart from the whole run's. */
  startPhase(): void {
    this.#phasePeak = 0;
    this.sample();
  }

  /** The peak RSS since `startPhase`, in MiB. */
  endPhase(): number {
    this.sample();
    return this.#phasePeak / 1024 / 1024;
  }

  /** Peak sampled RSS and the kernel's maxRSS, both in MiB. */
  stop(): { sampledPeakMiB: number; maxRssMiB: number } {
    if (this.#timer) clearInterval(this.#timer);
    this.sample();
    return {
      sampledPeakMiB: this.#peakRss / 1024 / 1024,
      // resourceUsage().maxRSS is in KiB.
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    };
  }
}
