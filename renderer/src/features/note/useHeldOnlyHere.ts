import { useSyncExternalStore } from 'react';
import { type HeldPlace, heldVersion, placesHeldOnlyHere, subscribeHeld } from './draftStash';

let cached: { version: number; places: HeldPlace[] } | undefined;

/** The same array until a held value changes, as useSyncExternalStore needs of a snapshot. */
function snapshot(): HeldPlace[] {
  const version = heldVersion();
  if (cached?.version !== version) cached = { version, places: placesHeldOnlyHere() };
  return cached.places;
}

/** The notes with changes only this window holds, updated live as saves fail, succeed or are discarded. */
export function useHeldOnlyHere(): HeldPlace[] {
  return useSyncExternalStore(subscribeHeld, snapshot);
}
