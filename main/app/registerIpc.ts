import { channels } from '../../shared/ipc/api';
import { methods } from '../../shared/ipc/contract';
import { fail, type Result } from '../../shared/ipc/result';
import type { Router } from '../ipc/createRouter';
import { appHost, appScheme } from './appProtocol';

/** What the sender check reads from an `IpcMainInvokeEvent`. */
export interface SenderEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The part of `ipcMain` used here. */
export interface HandlerRegistry<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

export const untrustedSenderMessage = "This request did not come from Attune's window.";

/**
 * Registers one `ipcMain.handle` channel per contract method. A request from any sender but the
 * app's own main frame is answered with a failed Result without reaching the router; the rest go
 * to the router, which validates the payload. Returns a function that removes every handler.
 */
export function registerIpc<E>(
  ipcMain: HandlerRegistry<E>,
  router: Router,
  isTrustedSender: (event: E) => boolean,
): () => void {
  const registered: string[] = [];
  for (const method of methods) {
    const channel = channels.invokePrefix + method;
    // Only the first argument is the payload; anything more is ignored, never forwarded.
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrustedSender(event)) return fail('invalid-input', untrustedSenderMessage);
      return router.call(method, input);
    });
    registered.push(channel);
  }
  return () => {
    for (const channel of registered.splice(0)) ipcMain.removeHandler(channel);
  };
}

/**
 * The sender check (VS Code's validatedIpcMain idea): the request comes from our window's
 * webContents, from its top frame (`parent === null`, so no iframe), showing a page of our
 * own app:// origin.
 */
export function createTrustedSenderCheck(windowContentsId: number): (event: SenderEvent) => boolean {
  return (event) => {
    try {
      const frame = event.senderFrame;
      if (frame === null || frame.parent !== null) return false;
      if (event.sender.id !== windowContentsId) return false;
      const url = new URL(frame.url);
      // Compared field by field: the WHATWG `origin` of a custom scheme is the opaque 'null'.
      return (
        url.protocol === `${appScheme}:` && url.host === appHost && url.username === '' && url.password === ''
      );
    } catch {
      // A frame that has gone away throws on access; an unparsable URL throws too.
      return false;
    }
  };
}
