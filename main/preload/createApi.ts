import { type AttuneApi, channels, type InvokeArgs } from '../../shared/ipc/api';
import { isMethod, type Method, type OutputOf } from '../../shared/ipc/contract';
import { type EventName, type Events, isEventName } from '../../shared/ipc/events';
import { fail, type Result } from '../../shared/ipc/result';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of `ipcRenderer` the API uses; it never leaves this module. */
export interface IpcRendererSlice {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

/**
 * Builds the object exposed as `window.attune`: typed calls into the contract and event
 * subscriptions. Electron's event objects are dropped; listeners get the payload alone.
 */
export function createApi(ipc: IpcRendererSlice): AttuneApi {
  const api = {
    async invoke<M extends Method>(method: M, ...args: InvokeArgs<M>): Promise<Result<OutputOf<M>>> {
      // Checked here too, so a typo fails fast and never opens an arbitrary channel.
      if (!isMethod(method))
        return fail('invalid-input', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}.`);
      try {
        const reply = await ipc.invoke(channels.invokePrefix + method, args[0]);
        // Main's router answers every call with a Result; its value type is the contract's.
        return isResult(reply) ? (reply as Result<OutputOf<M>>) : fail('internal', malformedReply);
      } catch {
        // Only a broken channel (or an uncloneable argument) rejects; main never throws.
        return fail('internal', unreachableMain);
      }
    },

    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      if (!isEventName(event))
        throw new TypeError(`Unknown event ${JSON.stringify(String(event)).slice(0, 80)}.`);
      if (typeof listener !== 'function') throw new TypeError('An event listener must be a function.');
      const wrapper: IpcListener = (_ipcEvent, message) => {
        if (!Array.isArray(message) || message[0] !== event) return;
        try {
          listener(message[1] as Events[E]);
        } catch (error) {
          // One failing subscriber must not stop the others from hearing the event.
          console.error(`[attune] a listener for ${event} failed:`, error);
        }
      };
      ipc.on(channels.event, wrapper);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channels.event, wrapper);
      };
    },
  } satisfies AttuneApi;
  return Object.freeze(api);
}

const malformedReply =
  "Attune's main process sent an answer this window does not understand. Restart Attune.";
const unreachableMain =
  "Attune's window could not reach its main process. Restart Attune if this keeps happening.";

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in candidate;
  if (candidate.ok !== false || typeof candidate.error !== 'object' || candidate.error === null) return false;
  const error = candidate.error as { kind?: unknown; message?: unknown };
  return typeof error.kind === 'string' && typeof error.message === 'string';
}
