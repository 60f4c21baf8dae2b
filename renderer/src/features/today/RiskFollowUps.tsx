import { FileText, PenLine } from 'lucide-react';
import { useMemo, useState } from 'react';
import { riskLevelLabels } from '../../../../shared/domain/riskSchema';
import type { ElevatedRisk } from '../../../../shared/ipc/contract';
import { summarizeNote } from '../../../../shared/summaries/noteSummary';
import { call, messageOf } from '../../data/api';
import { useElevatedRisks } from '../../data/elevatedRisk';
import { useClientLookup } from '../../data/hooks';
import { putNoteSummary } from '../../data/summaryIndex';
import { RiskBadge } from '../risk/RiskBadge';
import { RowWhen } from './RowWhen';
import { compactDate, fullDate, fullDateTime } from './rowDates';

/**
 * Today's "Risk follow-ups": active clients whose latest assessed risk is elevated, highest
 * first, from main's short list (no note read here). "Write note" opens the first later session
 * still without a signed note, or starts a new session note; "Open assessment" opens the note
 * that assessed it. Left out while there are none.
 */
export function RiskFollowUps({
  onOpenNote,
  onStartNote,
  onOpenClient,
}: {
  onOpenNote: (noteId: string, clientId: string) => void;
  /** Starts a new session note for the client (Today's form). */
  onStartNote: (clientId: string) => void;
  onOpenClient: (clientId: string) => void;
}) {
  const risks = useElevatedRisks();
  const clients = useClientLookup();
  const [error, setError] = useState<string | null>(null);
  const rows = useMemo(
    () =>
      risks && clients ? [...risks.values()].filter((r) => clients.get(r.clientId)?.status === 'active') : [],
    [risks, clients],
  );
  if (rows.length === 0) return null;

  async function write(risk: ElevatedRisk) {
    setError(null);
    const next = risk.followUp;
    if (!next) return onStartNote(risk.clientId);
    if (next.noteId) return onOpenNote(next.noteId, risk.clientId);
    try {
      const note = await call('sessionNotes:open', { sessionId: next.sessionId });
      putNoteSummary(summarizeNote(note));
      onOpenNote(note.id, note.clientId);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <section className="today-section today-risk" aria-labelledby="today-risk">
      <h2 id="today-risk">
        Risk follow-ups<span className="today-count"> {rows.length}</span>
      </h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ul className="today-rows">
        {rows.map((risk) => {
          const base = `today-risk-${risk.clientId}`;
          const code = clients?.get(risk.clientId)?.code ?? 'Unknown client';
          return (
            <li className="today-row" key={risk.clientId}>
              <button
                type="button"
                id={`${base}-client`}
                className="link today-client"
                onClick={() => onOpenClient(risk.clientId)}
              >
                {code}
              </button>
              {/* The level is in the badge beside it; the words read out say it too, and the next
                  session's time. */}
              <RowWhen
                id={`${base}-when`}
                spoken={`Assessed ${riskLevelLabels[risk.level].toLowerCase()} on ${fullDate(risk.sessionDate)}${
                  risk.followUp ? `; next session ${fullDateTime(risk.followUp.startsAt)}` : ''
                }`}
              >
                Assessed <time dateTime={risk.sessionDate}>{compactDate(risk.sessionDate)}</time>
                {risk.followUp && (
                  <span className="today-ago">
                    {' '}
                    · next{' '}
                    <time dateTime={risk.followUp.startsAt}>{compactDate(risk.followUp.startsAt)}</time>
                  </span>
                )}
              </RowWhen>
              <RiskBadge risk={risk} />
              <button
                type="button"
                className="secondary small today-write"
                aria-describedby={`${base}-client ${base}-when`}
                onClick={() => void write(risk)}
              >
                <PenLine aria-hidden="true" size={14} /> Write note
              </button>
              <button
                type="button"
                className="link small today-process"
                aria-describedby={`${base}-client ${base}-when`}
                onClick={() => onOpenNote(risk.noteId, risk.clientId)}
              >
                <FileText aria-hidden="true" size={14} /> Open assessment
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
