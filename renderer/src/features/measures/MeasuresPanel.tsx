import { useEffect, useRef, useState } from 'react';
import type { InstrumentId } from '../../../../shared/measures/instrument';
import { instruments } from '../../../../shared/measures/instruments';
import { measureSeries } from '../../../../shared/measures/measureSeries';
import { useClientMeasures } from '../../data/hooks';
import { MeasureFlags } from './MeasureFlags';
import { keptMeasureForm, MeasureForm } from './MeasureForm';
import { scoreText } from './scoreText';
import './measures.css';

export interface MeasuresPanelProps {
  clientId: string;
  sessionId: string;
}

/**
 * The session's outcome measures, one per instrument: what was saved (total, band, flags) and a
 * form to add or correct it. They belong to the session, not to the signed note, so they can be
 * entered after the note is signed.
 */
export function MeasuresPanel({ clientId, sessionId }: MeasuresPanelProps) {
  const measures = useClientMeasures(clientId);
  // A form typed and not saved (the note left, or a lock) opens again.
  const [open, setOpen] = useState<InstrumentId | null>(() =>
    keptMeasureForm(
      sessionId,
      instruments.map((i) => i.id),
    ),
  );
  const panel = useRef<HTMLElement>(null);
  const buttons = useRef(new Map<InstrumentId, HTMLButtonElement>());
  /**
   * Where focus goes once the panel is drawn: into a form just opened, or to the Add/Edit button
   * of the instrument whose form closed (its Save or Cancel button is gone or disabled by then).
   */
  const [focusTo, setFocusTo] = useState<{ instrument: InstrumentId; into: 'form' | 'button' } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `measures` is a re-try: after a save the button is drawn once they are loaded again.
  useEffect(() => {
    if (!focusTo) return;
    const target =
      focusTo.into === 'form'
        ? panel.current?.querySelector('form')?.querySelector<HTMLElement>('input, select, textarea')
        : buttons.current.get(focusTo.instrument);
    if (!target || (target instanceof HTMLButtonElement && target.disabled)) return;
    target.focus();
    setFocusTo(null);
  }, [focusTo, measures]);
  const openForm = (instrument: InstrumentId) => {
    setOpen(instrument);
    setFocusTo({ instrument, into: 'form' });
  };
  const closeForm = (instrument: InstrumentId) => {
    setOpen(null);
    setFocusTo({ instrument, into: 'button' });
  };
  return (
    <section className="note-section card measures-panel" aria-labelledby="measures-heading" ref={panel}>
      <h2 id="measures-heading">Outcome measures</h2>
      <p className="muted">
        Given at this session. They belong to the session, not to the signed note, so they can be added or
        corrected after signing.
      </p>
      {measures === undefined ? (
        <p className="muted">Loading measures…</p>
      ) : (
        instruments.map((instrument) => {
          const series = measureSeries(measures, instrument.id);
          const at = series.findIndex((p) => p.measure.sessionId === sessionId);
          const point = at === -1 ? undefined : series[at];
          const earlier = (at === -1 ? series : series.slice(0, at)).filter((p) => p.score.total !== null);
          const previous = earlier.at(-1)?.measure.answers ?? null;
          if (open === instrument.id) {
            return (
              <MeasureForm
                key={instrument.id}
                instrument={instrument}
                sessionId={sessionId}
                saved={point?.measure}
                previous={previous}
                onDone={() => closeForm(instrument.id)}
              />
            );
          }
          return (
            <div key={instrument.id} className="measure-summary">
              <h3>{instrument.label}</h3>
              {point ? (
                <>
                  <p>
                    {scoreText(instrument, point.score)}
                    {point.measure.status === 'partial' ? ' Kept as partly answered.' : ''}
                    {point.measure.enteredBy === 'client' ? ' Entered by the client.' : ''}
                  </p>
                  <MeasureFlags flags={point.flags} />
                </>
              ) : (
                <p className="muted">Not given at this session.</p>
              )}
              <button
                type="button"
                onClick={() => openForm(instrument.id)}
                disabled={open !== null}
                ref={(button) => {
                  if (button) buttons.current.set(instrument.id, button);
                  else buttons.current.delete(instrument.id);
                }}
              >
                {point ? `Edit ${instrument.label}` : `Add ${instrument.label}`}
              </button>
            </div>
          );
        })
      )}
    </section>
  );
}
