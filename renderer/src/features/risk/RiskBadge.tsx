import { riskLevelLabels } from '../../../../shared/domain/riskSchema';
import type { ElevatedRisk } from '../../../../shared/ipc/contract';
import { formatDate } from '../../format/dates';
import './risk.css';

/** "High risk" (its words, not only its colour), with the assessment's date on hover. */
export function RiskBadge({ risk }: { risk: Pick<ElevatedRisk, 'level' | 'sessionDate'> }) {
  return (
    <span
      className={`badge risk-badge risk-${risk.level}`}
      title={`Assessed on ${formatDate(risk.sessionDate)}`}
    >
      {riskLevelLabels[risk.level]} risk
    </span>
  );
}
