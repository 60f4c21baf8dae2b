import { useDeferredValue, useId, useMemo } from 'react';
import { countingMinute } from '../../../../shared/analytics/clientMetrics';
import type { DateRange } from '../../../../shared/analytics/dateRange';
import {
  rememberedClientMirror,
  rememberedOutcomeScaleTotals,
} from '../../../../shared/analytics/mirrorMemo';
import { type ClientSource, useClientMeasures } from '../../data/hooks';
import { MirrorAgreementChart } from './MirrorAgreementChart';
import { MirrorOutcomeChart } from './MirrorOutcomeChart';
import { MirrorParticipationChart } from './MirrorParticipationChart';
import './mirror.css';

export interface ClientMirrorProps {
  clientId: string;
  source: ClientSource;
  range: DateRange;
  /** The settings' concern line: feedback under it reads as low. */
  concernLine: number;
  onOpenNote: (noteId: string) => void;
}

/**
 * The mirror on a client's Patterns tab: the outcome with the ruptures on the same time axis,
 * your ratings against the client's feedback, and participation over time, each with its words
 * and a table. The same numbers as `attune report --client … --json` (its `mirror`).
 */
export function ClientMirror(props: ClientMirrorProps) {
  const { clientId, source, range, concernLine, onOpenNote } = props;
  const headingId = useId();
  // The outcome rating's totals, where the client has them: the mirror's outcome then.
  const measures = useClientMeasures(clientId);
  const outcomeTotals = measures ? rememberedOutcomeScaleTotals(measures) : undefined;
  // Drawn in a background render after the charts above, so it never delays them.
  const ready = useDeferredValue(true, false);
  const mirror = useMemo(
    () =>
      ready
        ? rememberedClientMirror(clientId, source.sessions, source.notes, {
            range,
            concernLine,
            outcomeTotals,
            now: countingMinute(),
          })
        : null,
    [ready, clientId, source, range, concernLine, outcomeTotals],
  );
  const code = source.clientCode ?? clientId;
  if (!mirror) return <p className="muted">Loading the mirror…</p>;
  return (
    <section className="mirror" aria-labelledby={headingId}>
      <h3 id={headingId}>The mirror: your records beside the client’s</h3>
      <p className="muted">
        What your own notes say next to what the client told you. These are associations in a small number of
        sessions, not causes: a prompt for reflection or supervision.
      </p>
      <MirrorOutcomeChart mirror={mirror} exportSubject={code} onOpenNote={onOpenNote} />
      <MirrorAgreementChart mirror={mirror} exportSubject={code} onOpenNote={onOpenNote} />
      <MirrorParticipationChart mirror={mirror} exportSubject={code} onOpenNote={onOpenNote} />
    </section>
  );
}
