import { useEffect, useRef } from 'react';
import type { Difference } from './draftDifferences';
import { savedAtText } from './saveStatusText';

export interface HeldVersionChooserProps {
  /** The region's accessible name, e.g. "Unsaved changes from earlier". */
  title: string;
  /** When the newer saved version was saved, and when the unsaved changes were kept. */
  savedAt: string;
  heldAt: string;
  differences: readonly Difference[];
  onKeepSaved: () => void;
  onUseHeld: () => void;
}

/**
 * Changes that could not be saved, beside a version saved after them: both are shown, field by
 * field, and nothing is written until the user chooses. Neither choice is silent.
 */
export function HeldVersionChooser({
  title,
  savedAt,
  heldAt,
  differences,
  onKeepSaved,
  onUseHeld,
}: HeldVersionChooserProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const heldTime = savedAtText(heldAt).replace(/^Saved /, '');
  return (
    <section className="note-section card held-chooser" aria-label={title}>
      <h2 ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p>
        Changes you made {heldTime} could not be saved, and a newer version of this note was saved after them
        ({savedAtText(savedAt).toLowerCase()}). Compare them and choose which to keep; nothing is written
        until you choose.
      </p>
      {differences.length === 0 ? (
        <p className="muted">The two versions hold the same text.</p>
      ) : (
        <table className="held-differences">
          <caption className="visually-hidden">Differences between the two versions</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Saved version</th>
              <th scope="col">Unsaved changes</th>
            </tr>
          </thead>
          <tbody>
            {differences.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                <td>{d.saved}</td>
                <td>{d.held}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" onClick={onKeepSaved}>
          Keep the saved version
        </button>
        <button type="button" className="secondary" onClick={onUseHeld}>
          Use the unsaved changes
        </button>
      </div>
    </section>
  );
}
