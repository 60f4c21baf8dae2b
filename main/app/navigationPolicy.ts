import type { WindowOpenHandlerResponse } from 'electron';

/**
 * Whether a link may be handed to the OS browser: https only (no http, file, mailto or custom
 * schemes that launch other programs), well formed, with a host and no embedded credentials.
 */
export function isSafeExternalUrl(url: string): boolean {
  return toSafeExternalUrl(url) !== undefined;
}

/**
 * The link in the normalised form that was checked, or undefined when it is not safe. The OS
 * gets this form, not the original text, so no other URL parser can read it differently.
 */
export function toSafeExternalUrl(url: string): string | undefined {
  if (typeof url !== 'string' || url.length > 2048) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const safe =
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === '';
  return safe ? parsed.href : undefined;
}

export interface PreventableEvent {
  preventDefault(): void;
}

/** The part of a WebContents the navigation policy touches. */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse): void;
  on(event: 'will-navigate', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export type OpenExternal = (url: string) => Promise<void>;

/**
 * Hosts whose https links may open in the OS browser. Empty: Attune has no external links, and
 * an open door to any https URL would let injected script carry notes out past the CSP.
 * Add a host here when the app gains a link to it (a help page, say).
 */
export const externalLinkHosts: readonly string[] = [];

/**
 * Applied to every webContents Electron creates: the app never navigates away from its own
 * page, never opens a window and never hosts a <webview>. Safe https links to an allowed host go
 * to the OS browser.
 * Client-side routing uses in-page navigation, which these events do not see.
 */
export function guardContents(
  contents: GuardedContents,
  openExternal: OpenExternal,
  allowedHosts: readonly string[] = externalLinkHosts,
): void {
  const openOutside = (url: string) => {
    const safe = toSafeExternalUrl(url);
    if (safe === undefined || !allowedHosts.includes(new URL(safe).hostname)) return;
    openExternal(safe).catch((error: unknown) => console.error('[attune] could not open a link:', error));
  };

  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openOutside(event.url);
  });
  // Subframes too (CSP already allows none); nothing is opened from here, since
  // 'will-navigate' has already dealt with the main frame's links.
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The part of a Session the permission policy touches. */
export interface PermissionedSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

/**
 * Attune needs no browser permission (camera, notifications, geolocation, USB, ...), so every
 * request and every check is refused. Copying uses the keyboard and menu, which need none.
 */
export function denyAllPermissions(session: PermissionedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
