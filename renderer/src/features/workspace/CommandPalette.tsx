import { Command } from 'cmdk';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useClients } from '../../data/hooks';
import { type PaletteAction, paletteCommands } from './paletteCommands';

/**
 * The command palette (Ctrl/Cmd+K): a modal dialog with one field; the list under it answers
 * every keystroke (go to a client, a new session note, the open note's actions, a section of
 * Settings, the theme, search, lock…), each with its shortcut where it has one. cmdk gives the
 * combobox and listbox roles and the arrow keys; the filtering is ours (`paletteCommands`).
 */
export function CommandPalette({
  noteButtons,
  onRun,
  onClose,
}: {
  /** The open note's buttons the palette offers (Sign note, Focus mode…); none off a note. */
  noteButtons: readonly string[];
  onRun: (action: PaletteAction) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const clients = useClients();
  const [query, setQuery] = useState('');
  const commands = useMemo(
    () => paletteCommands(query, clients ?? [], noteButtons),
    [query, clients, noteButtons],
  );

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // Focus once it is shown: `autoFocus` runs before the dialog opens, when nothing in it can take focus.
    element?.querySelector<HTMLInputElement>('[cmdk-input]')?.focus();
    return () => element?.close();
  }, []);

  // Closes the dialog here and now, then says so: the page's state never lags the dialog. Left to
  // the dialog, Escape closes it at once but its close event comes only with the next frame (12 to
  // 80 ms later, more on a busy machine); a Ctrl+K in between found the palette still open in the
  // state (so nothing was shown), and the late close event then shut it. Closing before the state
  // changes also gives the focus back where it was, as the dialog's own close does.
  const close = () => {
    dialog.current?.close();
    onClose();
  };

  return (
    // Escape (the dialog's cancel event) and a click on the backdrop close it. A close event is
    // heeded only while this palette is still there: a late one for a palette gone changes nothing.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click mirrors Escape, which the dialog's cancel event handles.
    <dialog
      ref={dialog}
      className="palette"
      aria-label="Command palette"
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onClose={() => {
        if (dialog.current) onClose();
      }}
      onClick={(event) => {
        if (event.target === dialog.current) close();
      }}
    >
      <Command label="Command palette" shouldFilter={false} loop>
        <Command.Input
          value={query}
          onValueChange={setQuery}
          placeholder="Go to a client, start a note, run an action, search…"
        />
        <Command.List aria-label="Commands" data-query={query}>
          {commands.map((command) => (
            <Command.Item key={command.id} value={command.id} onSelect={() => onRun(command.action)}>
              <span>{command.label}</span>
              {command.group === 'Clients' && <span className="palette-kind">Client</span>}
              {command.group === 'Note' && <span className="palette-kind">This note</span>}
              {command.hint && <span className="palette-hint">{command.hint}</span>}
            </Command.Item>
          ))}
        </Command.List>
      </Command>
    </dialog>
  );
}
