import type { InputOf, Method, OutputOf } from './contract';
import type { EventName, Events } from './events';
import type { Result } from './result';

/** Methods whose input is `undefined` are called with no argument. */
export type InvokeArgs<M extends Method> = undefined extends InputOf<M> ? [input?: InputOf<M>] : [input: InputOf<M>];

/**
 * The one object the preload exposes as `window.attune` (and the e2e harness installs in its
 * place). Narrow on purpose: typed calls into the contract and event subscriptions, nothing else.
 */
export interface AttuneApi {
  invoke<M extends Method>(method: M, ...args: InvokeArgs<M>): Promise<Result<OutputOf<M>>>;
  /** Subscribes to a push event; the returned function unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/** IPC channel names used by the preload and the Electron glue. */
export const channels = {
  /** Prefix for one `ipcMain.handle` channel per contract method: `attune:vault:unlock`. */
  invokePrefix: 'attune:',
  /** The single channel main pushes events on: `[eventName, payload]`. */
  event: 'attune:event',
} as const;
