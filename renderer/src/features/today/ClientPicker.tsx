import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import type { Client } from '../../../../shared/domain/clientSchema';
import { clientHolds } from '../clients/clientHolds';

const MAX_SHOWN = 8;

/**
 * A searchable client select: a combobox field whose list shows the clients whose code or name
 * contains what is typed (active clients first); arrows move, Enter or a click picks. Typing a
 * code exactly picks that client too.
 */
export function ClientPicker({
  id,
  clients,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  clients: readonly Client[];
  value: string | null;
  onChange: (clientId: string | null) => void;
  describedBy?: string | undefined;
}) {
  const listId = useId();
  const picked = clients.find((c) => c.id === value);
  const [text, setText] = useState(picked?.code ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const q = text.trim().toLowerCase();
    const found = clients.filter((c) => !q || clientHolds(c, q));
    const rank = (c: Client) =>
      (c.status === 'active' ? 0 : 1) + (c.code.toLowerCase().startsWith(q) ? 0 : 2);
    return found.sort((a, b) => rank(a) - rank(b)).slice(0, MAX_SHOWN);
  }, [clients, text]);
  const expanded = open && matches.length > 0;
  const optionId = (index: number) => `${listId}-${index}`;

  function pick(client: Client) {
    setText(client.code);
    onChange(client.id);
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!expanded) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + matches.length) % matches.length);
    } else if (event.key === 'Enter' && expanded) {
      const client = matches[active];
      if (client) {
        event.preventDefault();
        pick(client);
      }
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  }

  return (
    <div className="client-picker">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? optionId(active) : undefined}
        aria-describedby={describedBy}
        placeholder="Type a code or name"
        value={text}
        onChange={(event) => {
          const typed = event.target.value;
          setText(typed);
          setOpen(true);
          setActive(0);
          const exact = clients.find((c) => c.code.toLowerCase() === typed.trim().toLowerCase());
          onChange(exact?.id ?? null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      {expanded && (
        <div id={listId} role="listbox" aria-label="Matching clients" className="client-picker-list">
          {matches.map((client, index) => (
            // The field keeps focus (aria-activedescendant); the mouse picks without blurring it.
            // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the combobox field.
            <div
              key={client.id}
              tabIndex={-1}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(client)}
            >
              <span className="client-picker-code">{client.code}</span>
              {client.displayName && <span className="muted"> {client.displayName}</span>}
              {client.status === 'closed' && <span className="muted"> · Closed</span>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
