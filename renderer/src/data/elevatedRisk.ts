/**
 * Which clients' latest assessed risk is elevated, as main computes it ('risk:elevated', from
 * the note summaries it keeps). Asked again, a moment after the index changes (a save, a fill),
 * so a note's new risk level reaches the badges, the reminder and Today; dropped with the index
 * at lock.
 */
import { useSyncExternalStore } from 'react';
import type { ElevatedRisk } from '../../../shared/ipc/contract';
import { call } from './api';
import { summaryIndex } from './summaryIndex';

/** How long to wait after a change before asking again: autosaves come every few seconds. */
const SETTLE_MS = 300;

class ElevatedRiskStore {
  #byClient: ReadonlyMap<string, ElevatedRisk> | undefined;
  /** The last answer as text: an unchanged answer (most saves) leaves the badges undrawn. */
  #answer = '';
  #listeners = new Set<() => void>();
  /** Bumped when the index is emptied (lock): answers asked for before are dropped. */
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight = false;
  #dirty = false;

  constructor() {
    summaryIndex.subscribe(() => this.#changed());
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
    if (summaryIndex.size === 0) {
      // Locked (or client entry mode): nothing of the vault stays in the renderer.
      this.#generation += 1;
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#dirty = false;
      this.#answer = '';
      this.#set(undefined);
      return;
    }
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
      const list = await call('risk:elevated');
      const answer = JSON.stringify(list);
      if (generation === this.#generation && (answer !== this.#answer || !this.#byClient)) {
        this.#answer = answer;
        this.#set(new Map(list.map((r) => [r.clientId, r])));
      }
    } catch {
      // Locked meanwhile, or main busy: the next change asks again; what is shown stays.
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

const store = new ElevatedRiskStore();

/** Clients whose latest assessed risk is elevated, by client id; undefined while unknown. */
export function useElevatedRisks(): ReadonlyMap<string, ElevatedRisk> | undefined {
  return useSyncExternalStore(store.subscribe, store.read);
}
