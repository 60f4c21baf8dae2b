import {
  ideationLabels,
  type RiskAssessment,
  riskAnswerLabels,
  riskLevelLabels,
} from '../../../../shared/domain/riskSchema';
import './risk.css';

type Answer = keyof typeof riskAnswerLabels;

/** A note's risk assessment as read (a signed note, a printed record): each answer in words. */
export function RiskSummary({ risk }: { risk: RiskAssessment }) {
  const answer = (a: Answer | null) => (a ? riskAnswerLabels[a] : 'Not answered');
  const rows: [string, string][] = [
    ['Suicidal ideation', risk.ideation ? ideationLabels[risk.ideation] : 'Not answered'],
    ['Intent', answer(risk.intent)],
    ['Plan', answer(risk.plan)],
    ['Access to means', answer(risk.means)],
    ['Other risks', risk.otherRisks.trim() || 'None recorded'],
    ['Protective factors', risk.protectiveFactors.trim() || 'None recorded'],
    ['Risk level', risk.level ? riskLevelLabels[risk.level] : 'Not answered'],
    ['Actions taken', risk.actionsTaken.trim() || 'None recorded'],
  ];
  return (
    <dl className="risk-summary">
      {rows.map(([term, text]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{text}</dd>
        </div>
      ))}
    </dl>
  );
}
