import type { MessageBoxSyncOptions } from 'electron';
import type { PreventableEvent } from './navigationPolicy';

const quitAnyway = 'Quit anyway and lose them';

/**
 * The question asked when the window is closing while the renderer holds changes main refused
 * to save (a full disk): they live only in the window, so closing it loses them. "Stay" is the
 * default and the answer to Escape, so no hurried key press throws them away.
 */
export const unsavedChangesDialog: MessageBoxSyncOptions & { buttons: string[] } = {
  type: 'warning',
  title: 'Changes not saved',
  message: 'Some changes could not be saved.',
  detail:
    'Attune could not save some of your changes (for example, the disk is full). They are kept only in this window, and closing it loses them. Stay, free some space on the disk, then press “Try saving again” in the warning at the top of Attune (if Attune is locked, unlock it: they are saved then).',
  buttons: ['Stay', quitAnyway],
  defaultId: 0,
  cancelId: 0,
  noLink: true,
};

/** Whether the answer to unsavedChangesDialog (the index of the button pressed) lets the window close. */
export function leavesAnyway(response: number): boolean {
  return unsavedChangesDialog.buttons[response] === quitAnyway;
}

/** The part of a WebContents watched here: Electron's event for a beforeunload the page refused. */
export interface UnloadRefusingContents {
  on(event: 'will-prevent-unload', listener: (event: PreventableEvent) => void): unknown;
}

/**
 * The renderer refuses to unload while it holds changes only it has (useUnsavedCloseGuard); Electron
 * then keeps the window open unless this handler prevents that, which it does only when the user,
 * asked, chooses to lose them. `ask` shows the dialog (modal, synchronous: the answer is needed
 * before the event returns) and resolves to the button pressed.
 */
export function wireUnsavedChangesDialog(
  contents: UnloadRefusingContents,
  ask: (options: MessageBoxSyncOptions) => number,
): void {
  contents.on('will-prevent-unload', (event) => {
    if (leavesAnyway(ask(unsavedChangesDialog))) event.preventDefault();
  });
}
