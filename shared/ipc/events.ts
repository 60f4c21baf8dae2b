/** Push events from main to the renderer. Payloads are JSON-safe. */
export type LockReason = 'user' | 'idle' | 'suspend' | 'screen-lock' | 'quit';

export interface Events {
  'vault:locked': { reason: LockReason };
}

export type EventName = keyof Events;

export const eventNames: readonly EventName[] = ['vault:locked'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
