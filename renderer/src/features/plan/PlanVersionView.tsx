import { goalStatusLabels, type TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';
import { formatDate, formatDateTime } from '../../format/dates';
import { usePlanSignature } from './usePlanSignature';

/**
 * One version of a plan as it was written: problems, goals with objectives, target dates and
 * status, interventions, review date, notes, and who signed it when. Read-only.
 */
export function PlanVersionView({
  plan,
  headingLevel = 4,
  showSignature = true,
}: {
  plan: TreatmentPlan;
  headingLevel?: 4 | 5;
  /** False where a summary above already says who signed it when. */
  showSignature?: boolean;
}) {
  const H = headingLevel === 4 ? 'h4' : 'h5';
  const signature = usePlanSignature(plan);
  const problemText = new Map(plan.problems.map((p) => [p.id, p.text]));
  return (
    <div className="plan-view">
      {showSignature && (
        <p className="plan-signature">
          {plan.signed ? (
            <>
              <span className="badge signed">Signed</span> Version {plan.version}, signed by {plan.signed.by}{' '}
              on {formatDateTime(plan.signed.at)}
            </>
          ) : (
            <>
              <span className="badge draft">Draft</span> Version {plan.version}, not signed
            </>
          )}
        </p>
      )}
      {signature === 'changed' && (
        <p className="banner danger" role="alert">
          <span className="banner-text">
            This version no longer matches the hash recorded when it was signed: its content was changed
            afterwards. Run a vault check (Settings → Check the vault) to find out what happened.
          </span>
        </p>
      )}
      <p className="plan-review-date muted">Review by {formatDate(plan.reviewDate)}</p>

      <H>Problems</H>
      {plan.problems.length === 0 ? (
        <p className="muted">None listed.</p>
      ) : (
        <ul className="plan-list">
          {plan.problems.map((p) => (
            <li key={p.id}>{p.text}</li>
          ))}
        </ul>
      )}

      <H>Goals</H>
      {plan.goals.length === 0 ? (
        <p className="muted">None listed.</p>
      ) : (
        <ol className="plan-goals">
          {plan.goals.map((goal) => (
            <li key={goal.id} className="plan-goal-view">
              <p>
                <strong>{goal.text}</strong>{' '}
                <span className={`badge goal-${goal.status}`}>{goalStatusLabels[goal.status]}</span>
                {goal.targetDate && <span className="muted"> · target {formatDate(goal.targetDate)}</span>}
              </p>
              {goal.problemIds.length > 0 && (
                <p className="muted small">
                  Addresses:{' '}
                  {goal.problemIds.map((id) => problemText.get(id) ?? 'a removed problem').join('; ')}
                </p>
              )}
              {goal.objectives.length > 0 && (
                <ul className="plan-list">
                  {goal.objectives.map((o) => (
                    <li key={o.id}>
                      {o.text}
                      {(o.measure || o.targetDate) && (
                        <span className="muted">
                          {o.measure && ` · measured by ${o.measure}`}
                          {o.targetDate && ` · by ${formatDate(o.targetDate)}`}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}

      <H>Interventions</H>
      {plan.interventions.length === 0 ? (
        <p className="muted">None listed.</p>
      ) : (
        <ul className="plan-list">
          {plan.interventions.map((v) => (
            <li key={v.id}>{v.text}</li>
          ))}
        </ul>
      )}

      {plan.notes && (
        <>
          <H>Notes</H>
          <p className="plan-notes">{plan.notes}</p>
        </>
      )}
    </div>
  );
}
