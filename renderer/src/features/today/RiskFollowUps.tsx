import { FileText, PenLine } from 'lucide-react';
import { useMemo, useState } from 'react';
import { riskLevelLabels } from '../../../../shared/domain/riskSchema';
import type { ElevatedRisk } from '../../../../shared/ipc/contract';
import { summarizeNote } from '../../../../shared/summaries/noteSummary';
import { call, messageOf } from '../../data/api';
import { useElevatedRisks } from '../../data/elevatedRisk';
import { useClientLookup } from '../../data/hooks';
import { putNoteSummary } from '../../data/summaryIndex';
import { formatDate, formatDateTime } from '../../format/dates';
import { RiskBadge } from '../risk/RiskBadge';

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
              <span className="today-when" id={`${base}-when`}>
                Assessed {riskLevelLabels[risk.level].toLowerCase()} on {formatDate(risk.sessionDate)}
                {risk.followUp && (
                  <span className="today-late"> · next session {formatDateTime(risk.followUp.startsAt)}</span>
                )}
              </span>
              <RiskBadge risk={risk} />
              <button
                type="button"
                className="secondary today-write"
                aria-describedby={`${base}-client ${base}-when`}
                onClick={() => void write(risk)}
              >
                <PenLine aria-hidden="true" size={14} /> Write note
              </button>
              <button
                type="button"
                className="link today-process"
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
