import { ListTree } from 'lucide-react';
import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { currentPart, type OutlineItem, partDomId, scrolledToEnd } from './noteOutline';

export interface NoteOutlineProps {
  items: readonly OutlineItem[];
  /** The editor's id prefix, shared with the parts (see partDomId). */
  idPrefix: string;
  /**
   * Where it is drawn: beside the text (shown at wide widths) or in the sticky header as a
   * "Sections" disclosure (shown at narrow ones). The editor draws both; CSS shows one.
   */
  placement: 'side' | 'header';
}

/**
 * "Note sections": a link per section of the note. Choosing one scrolls it under the sticky
 * header and moves focus to its heading; the section being read is marked as current while
 * scrolling. Beside the text at wide widths; a "Sections" disclosure in the note's header at
 * narrow ones (the one not shown is `display: none`, out of the accessibility tree and tab order).
 *
 * Only this component re-renders as the current section changes, and nothing here depends on
 * the draft, so typing never touches it.
 */
/** How long a jump keeps placing its part while the sections around it are laid out. */
const SETTLE_MS = 1000;

/** Keys that scroll the page, which end a jump's hold on the current part. */
const scrollKeys = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown', ' ']);

export const NoteOutline = memo(function NoteOutline({ items, idPrefix, placement }: NoteOutlineProps) {
  const listId = useId();
  const [current, setCurrent] = useState<string | null>(items[0]?.key ?? null);
  const [open, setOpen] = useState(false);
  // The part just jumped to stays current until the user scrolls: near the end of the note it may
  // not reach the top, and the part above it would otherwise be marked instead.
  const pinned = useRef<string | null>(null);
  // Ends the placing of the part last jumped to (below).
  const settling = useRef<(() => void) | null>(null);
  useEffect(() => () => settling.current?.(), []);

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
    const header = parts[0]?.element.closest('.note-editor')?.querySelector<HTMLElement>('.note-header');
    // Read on scroll, at most once a frame: a dozen boxes, and nothing else is laid out for it.
    let frame = 0;
    const update = () => {
      frame = 0;
      if (pinned.current !== null) return;
      const page = document.scrollingElement ?? document.documentElement;
      const key = currentPart(
        parts.map((p) => {
          const box = p.element.getBoundingClientRect();
          return { key: p.key, top: box.top, bottom: box.bottom };
        }),
        {
          top: Math.max(0, header?.getBoundingClientRect().bottom ?? 0),
          bandBottom: window.innerHeight * 0.4,
          height: window.innerHeight,
          atEnd: scrolledToEnd(page),
        },
      );
      if (key !== null) setCurrent(key);
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(update);
    };
    schedule();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, [items, idPrefix]);

  const jump = useCallback(
    (key: string) => {
      const part = document.getElementById(partDomId(idPrefix, key));
      if (!part) return;
      const heading = part.querySelector<HTMLElement>('h2') ?? part;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      // Sections far away keep an estimated height until drawn (content-visibility), and are
      // drawn only once near the viewport, so the target moves as the ones around it are laid
      // out: it is placed again whenever the note's height changes, until that settles (or the
      // user scrolls, or jumps elsewhere).
      part.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
      pinned.current = key;
      settling.current?.();
      const place = new ResizeObserver(() => {
        if (pinned.current === key) part.scrollIntoView({ block: 'start' });
      });
      place.observe(part.parentElement ?? part);
      const stop = () => {
        place.disconnect();
        clearTimeout(timer);
        if (settling.current === stop) settling.current = null;
      };
      const timer = setTimeout(stop, SETTLE_MS);
      settling.current = stop;
      setCurrent(key);
      setOpen(false);
    },
    [idPrefix],
  );

  return (
    <nav
      aria-label="Note sections"
      className={`note-outline ${placement}`}
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
