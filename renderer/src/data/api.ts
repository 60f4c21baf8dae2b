import type { AttuneApi, InvokeArgs } from '../../../shared/ipc/api';
import type { Method, OutputOf } from '../../../shared/ipc/contract';
import type { EventName, Events } from '../../../shared/ipc/events';
import type { ErrorKind } from '../../../shared/ipc/result';

declare global {
  interface Window {
    /** Installed by the preload (or, in e2e tests, by the harness standing in for it). */
    readonly attune: AttuneApi;
  }
}

/** A failed call, carrying main's error kind so screens can react (e.g. `locked` → unlock screen). */
export class ApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Calls a contract method; resolves with its value or rejects with an ApiError. */
export async function call<M extends Method>(method: M, ...args: InvokeArgs<M>): Promise<OutputOf<M>> {
  const result = await window.attune.invoke(method, ...args);
  if (!result.ok) throw new ApiError(result.error.kind, result.error.message);
  return result.value;
}

export function onEvent<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return window.attune.on(event, listener);
}

/** A message for the user from anything thrown by a call. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Attune could not reach its storage. Try again; if it keeps happening, restart the app.';
}
