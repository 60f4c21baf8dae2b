import { ListTree } from 'lucide-react';
import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { type OutlineItem, partDomId } from './noteOutline';

export interface NoteOutlineProps {
  items: readonly OutlineItem[];
  /** The editor's id prefix, shared with the parts (see partDomId). */
  idPrefix: string;
}

/**
 * "Note sections": a link per section of the note. Choosing one scrolls it under the sticky
 * header and moves focus to its heading; the section being read is marked as current while
 * scrolling. Beside the text at wide widths; a "Sections" disclosure at narrow ones.
 *
 * Only this component re-renders as the current section changes, and nothing here depends on
 * the draft, so typing never touches it.
 */
/** Keys that scroll the page, which end a jump's hold on the current part. */
const scrollKeys = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown', ' ']);

export const NoteOutline = memo(function NoteOutline({ items, idPrefix }: NoteOutlineProps) {
  const listId = useId();
  const [current, setCurrent] = useState<string | null>(items[0]?.key ?? null);
  const [open, setOpen] = useState(false);
  // The part just jumped to stays current until the user scrolls: near the end of the note it may
  // not reach the top, and the part above it would otherwise be marked instead.
  const pinned = useRef<string | null>(null);

  useEffect(() => {
    const unpin = () => {
      pinned.current = null;
    };
    const onKey = (event: KeyboardEvent) => {
      if (scrollKeys.has(event.key)) unpin();
    };
    window.addEventListener('wheel', unpin, { passive: true, capture: true });
    window.addEventListener('touchmove', unpin, { passive: true, capture: true });
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('wheel', unpin, true);
      window.removeEventListener('touchmove', unpin, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, []);

  useEffect(() => {
    const parts = items
      .map((item) => ({ key: item.key, element: document.getElementById(partDomId(idPrefix, item.key)) }))
      .filter((p): p is { key: string; element: HTMLElement } => p.element !== null);
    if (parts.length === 0) return;
    const keyOf = new Map(parts.map((p) => [p.element, p.key]));
    const visible = new Set<string>();
    // The band under the sticky header down to 40 % of the window: the first part in it is "current".
    const header = parts[0]?.element.closest('.note-editor')?.querySelector<HTMLElement>('.note-header');
    const top = Math.round(header?.getBoundingClientRect().height ?? 0);
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const key = keyOf.get(entry.target as HTMLElement);
          if (key === undefined) continue;
          if (entry.isIntersecting) visible.add(key);
          else visible.delete(key);
        }
        const first = parts.find((p) => visible.has(p.key));
        if (first && pinned.current === null) setCurrent(first.key);
      },
      { rootMargin: `-${top}px 0px -60% 0px` },
    );
    for (const part of parts) observer.observe(part.element);
    return () => observer.disconnect();
  }, [items, idPrefix]);

  const jump = useCallback(
    (key: string) => {
      const part = document.getElementById(partDomId(idPrefix, key));
      if (!part) return;
      const heading = part.querySelector<HTMLElement>('h2') ?? part;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      // Sections far away keep an estimated height until drawn (content-visibility), so the
      // target may move once the ones near it are laid out: place it again on the next frame.
      part.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
      requestAnimationFrame(() => part.scrollIntoView({ block: 'start' }));
      pinned.current = key;
      setCurrent(key);
      setOpen(false);
    },
    [idPrefix],
  );

  return (
    <nav
      aria-label="Note sections"
      className="note-outline"
      data-open={open || undefined}
      onKeyDown={(event) => {
        // Escape folds the open list (narrow widths) and returns to its button.
        if (event.key !== 'Escape' || !open) return;
        setOpen(false);
        event.currentTarget.querySelector<HTMLButtonElement>('.outline-toggle')?.focus();
      }}
    >
      <button
        type="button"
        className="outline-toggle secondary"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        <ListTree aria-hidden="true" size={16} /> Sections
      </button>
      <ol id={listId} className="outline-list">
        {items.map((item) => (
          <li key={item.key}>
            <a
              href={`#${partDomId(idPrefix, item.key)}`}
              aria-current={item.key === current ? 'location' : undefined}
              onClick={(event) => {
                event.preventDefault();
                jump(item.key);
              }}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
});
