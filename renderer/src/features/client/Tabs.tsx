import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';

/**
 * Tabs as the WAI-ARIA pattern has them: one tab stop in the tab list (the chosen tab), Left and
 * Right (and Home, End) move to and choose another tab, and the panel of the chosen tab follows.
 */
export function Tabs<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
  children,
}: {
  /** The tab list's accessible name. */
  label: string;
  tabs: ReadonlyArray<{ id: T; label: string }>;
  selected: T;
  onSelect: (tab: T) => void;
  /** The chosen tab's panel content. */
  children: ReactNode;
}) {
  const prefix = useId();
  const buttons = useRef(new Map<T, HTMLButtonElement>());
  const tabId = (tab: T) => `${prefix}-tab-${tab}`;
  const panelId = (tab: T) => `${prefix}-panel-${tab}`;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = tabs.findIndex((t) => t.id === selected);
    const target =
      event.key === 'ArrowRight'
        ? (at + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : null;
    if (target === null) return;
    event.preventDefault();
    const tab = tabs[target]!.id;
    onSelect(tab);
    buttons.current.get(tab)?.focus();
  }

  return (
    <>
      <div role="tablist" aria-label={label} className="tabs" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(button) => {
              if (button) buttons.current.set(t.id, button);
              else buttons.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={tabId(t.id)}
            aria-selected={t.id === selected}
            // Only the chosen tab's panel exists, so only it is named as controlled.
            aria-controls={t.id === selected ? panelId(t.id) : undefined}
            tabIndex={t.id === selected ? 0 : -1}
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId(selected)} aria-labelledby={tabId(selected)} className="tab-panel">
        {children}
      </div>
    </>
  );
}
