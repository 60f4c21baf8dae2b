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

  return (
    // The dialog's own Escape (cancel) closes it; a click on the backdrop does too.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click mirrors Escape, which the dialog handles itself.
    <dialog
      ref={dialog}
      className="palette"
      aria-label="Command palette"
      onClose={onClose}
      onClick={(event) => {
        if (event.target === dialog.current) onClose();
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
