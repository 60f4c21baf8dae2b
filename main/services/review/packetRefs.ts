/** Fresh opaque refs for one packet, and the random whole-day date shift. */
import { randomBytes, randomInt } from 'node:crypto';

/** Makes refs like "s-3f9a0c1b2d4e": a letter for the kind and 48 random bits, unique per packet. */
export class RefMaker {
  readonly #used = new Set<string>();

  make(letter: 's' | 'n' | 'r' | 't' | 'g'): string {
    for (;;) {
      const ref = `${letter}-${randomBytes(6).toString('hex')}`;
      if (!this.#used.has(ref)) {
        this.#used.add(ref);
        return ref;
      }
    }
  }
}

export const newPacketId = (): string => randomBytes(16).toString('hex');

export const MIN_SHIFT_DAYS = 30;
export const MAX_SHIFT_DAYS = 180;
const DAY_MS = 86_400_000;

/**
 * A random whole number of days, 30–180 back. Never forward: a recent session moved forward
 * would be dated after the packet reached the reviewer, which shows the direction and a bound.
 */
export function randomShiftDays(): number {
  return -randomInt(MIN_SHIFT_DAYS, MAX_SHIFT_DAYS + 1);
}

/** An ISO date-time moved by whole days, as UTC (`toISOString`); intervals between instants are kept. */
export function shiftInstant(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

/** A yyyy-mm-dd date moved by whole days. */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
