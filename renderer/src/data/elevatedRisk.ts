/**
 * Which clients' latest assessed risk is elevated, as main computes it ('risk:elevated', from
 * the note summaries it keeps). Asked again, a moment after the index changes in something the
 * answer depends on (a risk level, a signature, a new note or session, a fill from another
 * computer: riskInputs.ts), so a note's new risk level reaches the badges, the reminder and
 * Today, while autosaves of the note text ask nothing; dropped with the index at lock.
 */
import { useSyncExternalStore } from 'react';
import type { ElevatedRisk } from '../../../shared/ipc/contract';
import { call } from './api';
import { RiskInputs } from './riskInputs';
import { type SummaryIndex, summaryIndex } from './summaryIndex';

/** How long to wait after a change before asking again: autosaves come every few seconds. */
const SETTLE_MS = 300;

/** Main's answer for one index, asked through `ask` (exported for its unit test). */
export class ElevatedRiskStore {
  #byClient: ReadonlyMap<string, ElevatedRisk> | undefined;
  /** The last answer as text: an unchanged answer (most saves) leaves the badges undrawn. */
  #answer = '';
  #listeners = new Set<() => void>();
  /** Bumped when the index is emptied (lock): answers asked for before are dropped. */
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight = false;
  #dirty = false;
  /** Whether main was asked since the index was last emptied: the first change always asks. */
  #asked = false;
  #inputs = new RiskInputs();
  readonly #index: SummaryIndex;
  readonly #ask: () => Promise<ElevatedRisk[]>;

  constructor(index: SummaryIndex, ask: () => Promise<ElevatedRisk[]>) {
    this.#index = index;
    this.#ask = ask;
    index.subscribe(() => this.#changed());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** By client id; undefined until main has answered since the vault was unlocked. */
  read = (): ReadonlyMap<string, ElevatedRisk> | undefined => this.#byClient;

  #changed(): void {
    if (this.#index.size === 0) {
      // Locked (or client entry mode): nothing of the vault stays in the renderer.
      this.#generation += 1;
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#dirty = false;
      this.#asked = false;
      this.#inputs.clear();
      this.#answer = '';
      this.#set(undefined);
      return;
    }
    // Main answers from the vault, not from the index: the first change after unlock asks
    // before the index holds the notes; then only what the answer is computed from asks.
    const source = this.#index.todaySource();
    const changed = source !== undefined && this.#inputs.changed(source);
    if (this.#asked && !changed) return;
    this.#asked = true;
    this.#dirty = true;
    this.#start();
  }

  #start(): void {
    if (this.#inFlight || this.#timer !== undefined) return;
    // The first answer after unlock is asked for at once (Today shows it); later ones settle.
    this.#timer = setTimeout(() => void this.#fetch(), this.#byClient ? SETTLE_MS : 0);
  }

  async #fetch(): Promise<void> {
    this.#timer = undefined;
    this.#dirty = false;
    this.#inFlight = true;
    const generation = this.#generation;
    try {
      const list = await this.#ask();
      const answer = JSON.stringify(list);
      if (generation === this.#generation && (answer !== this.#answer || !this.#byClient)) {
        this.#answer = answer;
        this.#set(new Map(list.map((r) => [r.clientId, r])));
      }
    } catch {
      // Locked meanwhile, or main busy: the next change of any kind asks again; what is shown stays.
      if (generation === this.#generation) this.#asked = false;
    } finally {
      this.#inFlight = false;
      if (this.#dirty && generation === this.#generation) this.#start();
    }
  }

  #set(value: ReadonlyMap<string, ElevatedRisk> | undefined): void {
    if (value === undefined && this.#byClient === undefined) return;
    this.#byClient = value;
    for (const listener of [...this.#listeners]) listener();
  }
}

const store = new ElevatedRiskStore(summaryIndex, () => call('risk:elevated'));

/** Clients whose latest assessed risk is elevated, by client id; undefined while unknown. */
export function useElevatedRisks(): ReadonlyMap<string, ElevatedRisk> | undefined {
  return useSyncExternalStore(store.subscribe, store.read);
}
