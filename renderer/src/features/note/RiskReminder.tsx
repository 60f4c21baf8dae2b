import { TriangleAlert } from 'lucide-react';
import { memo } from 'react';
import { riskLevelLabels } from '../../../../shared/domain/riskSchema';
import type { ElevatedRisk } from '../../../../shared/ipc/contract';
import { useElevatedRisks } from '../../data/elevatedRisk';
import { useSessionOfNote } from '../../data/hooks';
import { formatDate } from '../../format/dates';
import '../risk/risk.css';

/**
 * At the top of a draft note while the client's risk is elevated: when it was assessed, and a
 * button that adds this note's risk section. Shown only for a session after the assessing one
 * and while this note has no risk section of its own. Memoised: typing in the note leaves it alone.
 */
export const RiskReminder = memo(function RiskReminder({
  noteId,
  clientId,
  hasRiskSection,
  onAddRisk,
}: {
  noteId: string;
  clientId: string;
  hasRiskSection: boolean;
  onAddRisk: () => void;
}) {
  const risk = useElevatedRisks()?.get(clientId);
  const session = useSessionOfNote(noteId);
  if (!risk || hasRiskSection || !session || !isLater(session.startsAt, risk)) return null;
  return (
    <div className="risk-reminder" role="note" aria-label="Risk reminder">
      <TriangleAlert aria-hidden="true" size={18} />
      <p>
        Risk was assessed as <strong>{riskLevelLabels[risk.level].toLowerCase()}</strong> on{' '}
        {formatDate(risk.sessionDate)}. Review risk this session.
      </p>
      <button type="button" className="secondary" onClick={onAddRisk}>
        Add a risk assessment
      </button>
    </div>
  );
});

function isLater(startsAt: string, risk: ElevatedRisk): boolean {
  return Date.parse(startsAt) > Date.parse(risk.sessionDate);
}
