import {
  type Diagnosis,
  diagnosisRankLabels,
  diagnosisStatusLabels,
} from '../../../../shared/domain/diagnosisSchema';
import { goalStatusLabels, type TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';
import type { RecordSet } from '../../../../shared/ipc/contracts/recordsContract';
import { SafetyPlanView } from '../risk/SafetyPlanView';
import { recordDate, signatureLine } from './recordFormat';

/**
 * The parts of a client's record besides the sessions, as printed (issue 15): each signed
 * treatment plan version in full, the diagnoses, and the safety plan (as the Treatment tab shows
 * it, every part named even when empty). A client without them prints one line each, so the
 * reader knows they were not left out.
 */
export function RecordClinicalSections({ set }: { set: RecordSet }) {
  return (
    <>
      <section>
        <h2>Treatment plan</h2>
        {set.treatmentPlans.length === 0 ? (
          <p>No signed treatment plan.</p>
        ) : (
          set.treatmentPlans.map((plan) => <RecordPlanVersion key={plan.id} plan={plan} />)
        )}
      </section>
      <section>
        <h2>Diagnoses</h2>
        {set.diagnoses.length === 0 ? (
          <p>No diagnosis recorded.</p>
        ) : (
          <RecordDiagnoses diagnoses={set.diagnoses} />
        )}
      </section>
      <section>
        <h2>Safety plan</h2>
        {set.safetyPlan ? <SafetyPlanView plan={set.safetyPlan} /> : <p>No safety plan recorded.</p>}
      </section>
    </>
  );
}

function RecordPlanVersion({ plan }: { plan: TreatmentPlan }) {
  return (
    <div className="record-entry">
      <h3>Version {plan.version}</h3>
      <p className="small">
        {plan.signed ? `${signatureLine(plan.signed)}. ` : ''}Review date {recordDate(plan.reviewDate)}.
      </p>
      {plan.problems.length > 0 && (
        <>
          <h4>Problems</h4>
          <ul>
            {plan.problems.map((p) => (
              <li key={p.id}>{p.text}</li>
            ))}
          </ul>
        </>
      )}
      <h4>Goals</h4>
      {plan.goals.length === 0 ? (
        <p>No goals.</p>
      ) : (
        <ol>
          {plan.goals.map((g) => (
            <li key={g.id}>
              {g.text} ({goalStatusLabels[g.status].toLowerCase()}
              {g.targetDate ? `, by ${recordDate(g.targetDate)}` : ''})
              {g.objectives.length > 0 && (
                <ul>
                  {g.objectives.map((o) => (
                    <li key={o.id}>
                      {o.text}
                      {o.measure ? `; measured by ${o.measure}` : ''}
                      {o.targetDate ? `; by ${recordDate(o.targetDate)}` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {plan.interventions.length > 0 && (
        <>
          <h4>Interventions</h4>
          <ul>
            {plan.interventions.map((i) => (
              <li key={i.id}>{i.text}</li>
            ))}
          </ul>
        </>
      )}
      {plan.notes.trim() !== '' && (
        <>
          <h4>Notes</h4>
          <p className="prewrap">{plan.notes}</p>
        </>
      )}
    </div>
  );
}

function RecordDiagnoses({ diagnoses }: { diagnoses: readonly Diagnosis[] }) {
  return (
    <table className="list">
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Diagnosis</th>
          <th scope="col">Rank</th>
          <th scope="col">Status</th>
          <th scope="col">Diagnosed</th>
          <th scope="col">Ended</th>
        </tr>
      </thead>
      <tbody>
        {diagnoses.map((d) => (
          <tr key={d.id}>
            <td>{d.code}</td>
            <td>
              {d.description}
              {d.comment.trim() !== '' && <span className="prewrap small"> — {d.comment}</span>}
            </td>
            <td>{diagnosisRankLabels[d.rank]}</td>
            <td>{diagnosisStatusLabels[d.status]}</td>
            <td>{recordDate(d.diagnosedOn)}</td>
            <td>{d.endedOn ? recordDate(d.endedOn) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
