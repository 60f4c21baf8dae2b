import { type ReactNode, useEffect, useState } from 'react';
import { call } from '../../data/api';
import { openElsewhereText } from './syncWords';
import './sync.css';

type Others = Array<{ name: string; minutesAgo: number }>;
/** How often the other computers' presence is read again while a note is open. */
const POLL_MS = 30_000;

/**
 * Around a note's editor: tells the other computers this note is being edited here, says when it
 * is open on another one ("Also open on Office iMac, 2 min ago"), and before the editor is shown
 * warns that editing it in both places makes two versions to reconcile.
 */
export function EditingElsewhereGate({
  kind,
  id,
  heading,
  onBack,
  children,
}: {
  kind: string;
  id: string;
  /** The page's heading, shown while the editor waits (the editor shows its own). */
  heading: string;
  onBack: () => void;
  children: ReactNode;
}) {
  // null until the first answer: the editor waits for it, so nothing is typed before the warning.
  const [others, setOthers] = useState<Others | null>(null);
  const [confirmed, setConfirmed] = useState(false);

  useEffect(() => {
    let current = true;
    const read = () =>
      call('sync:editingElsewhere', { kind, id })
        .then((answer) => current && setOthers(answer.available ? answer.value : []))
        .catch(() => current && setOthers((o) => o ?? [])); // no answer: never block the editor
    void call('sync:setEditing', { records: [{ kind, id }] }).catch(() => undefined);
    void read();
    const timer = setInterval(read, POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
      void call('sync:setEditing', { records: [] }).catch(() => undefined);
    };
  }, [kind, id]);

  if (others === null)
    return (
      <>
        <h1>{heading}</h1>
        <p className="muted">Opening the note…</p>
      </>
    );
  const text = openElsewhereText(others);
  if (text && !confirmed) {
    return (
      <>
        <h1>{heading}</h1>
        <div role="alert" className="card notice">
          <p>
            <strong>{text}.</strong> This note is being edited on {others.map((o) => o.name).join(' and on ')}
            . If you edit it here too before the computers sync, you will have two versions to choose between.
          </p>
          <button type="button" onClick={() => setConfirmed(true)}>
            Edit here anyway
          </button>{' '}
          <button type="button" className="secondary" onClick={onBack}>
            Back
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      {text && (
        <p role="status" className="open-elsewhere">
          {text}
        </p>
      )}
      {children}
    </>
  );
}
