import type { ReactNode } from 'react';

/**
 * A Today row's "when": compact on screen, so the row stays one line in a narrow column (the
 * full words on hover), and in full for screen readers and for the description of the row's
 * buttons (`id`), whatever part of it a narrow column leaves off the screen.
 */
export function RowWhen({ id, spoken, children }: { id: string; spoken: string; children: ReactNode }) {
  return (
    <span className="today-when" id={id}>
      <span className="visually-hidden">{spoken}</span>
      <span className="today-when-shown" aria-hidden="true" title={spoken}>
        {children}
      </span>
    </span>
  );
}
