import { AttuneError } from '../../../shared/errors';

/**
 * The folders and files the user picked in the app's own dialogs, by purpose. Exports and imports
 * take only a path from here, so the renderer can never name a place the user did not choose.
 * Held in memory for the life of the app; nothing is remembered across restarts.
 */
export class ChosenPaths {
  readonly #chosen = new Map<string, Set<string>>();

  remember(purpose: string, path: string): void {
    const set = this.#chosen.get(purpose) ?? new Set<string>();
    set.add(path);
    this.#chosen.set(purpose, set);
  }

  /** Refuses a path the user did not choose for `purpose` with the app's dialog. */
  require(purpose: string, path: string, what: string): string {
    if (!this.#chosen.get(purpose)?.has(path)) {
      throw new AttuneError(
        'invalid-input',
        `Choose ${what} again with the button: Attune reads and writes only the files and folders you choose there.`,
      );
    }
    return path;
  }
}
