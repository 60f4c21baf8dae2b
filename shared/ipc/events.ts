/** Push events from main to the renderer. Payloads are JSON-safe. */
// 'window-stopped': the window's renderer crashed or stopped responding, so main locked.
export type LockReason = 'user' | 'idle' | 'suspend' | 'screen-lock' | 'quit' | 'window-stopped';

export interface Events {
  'vault:locked': { reason: LockReason };
  /**
   * Main is about to lock (suspend, screen lock): the renderer saves its drafts and locks itself;
   * main locks anyway after a short grace period.
   */
  'vault:lockRequested': { reason: LockReason };
}

export type EventName = keyof Events;

export const eventNames: readonly EventName[] = ['vault:locked', 'vault:lockRequested'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
