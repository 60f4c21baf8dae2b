import type { Diagnosis } from '../../../../shared/domain/diagnosisSchema';
import type { SafetyPlan } from '../../../../shared/domain/riskSchema';
import type { TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';
import type { RecordSet } from '../../../../shared/ipc/contracts/recordsContract';
import { recordDate, signatureLine } from './recordFormat';

const goalStatusWords: Record<TreatmentPlan['goals'][number]['status'], string> = {
  active: 'active',
  met: 'met',
  revised: 'revised',
  discontinued: 'discontinued',
};
const diagnosisStatusWords: Record<Diagnosis['status'], string> = {
  active: 'Active',
  provisional: 'Provisional',
  resolved: 'Resolved',
  'ruled-out': 'Ruled out',
};

/**
 * The parts of a client's record besides the sessions, as printed (issue 15): each signed
 * treatment plan version in full, the diagnoses, and the safety plan. A client without them
 * prints one line each, so the reader knows they were not left out.
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
        {set.safetyPlan ? <RecordSafetyPlan plan={set.safetyPlan} /> : <p>No safety plan recorded.</p>}
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
              {g.text} ({goalStatusWords[g.status]}
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
            <td>{d.rank === 'primary' ? 'Primary' : 'Secondary'}</td>
            <td>{diagnosisStatusWords[d.status]}</td>
            <td>{recordDate(d.diagnosedOn)}</td>
            <td>{d.endedOn ? recordDate(d.endedOn) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RecordSafetyPlan({ plan }: { plan: SafetyPlan }) {
  const lists: Array<[string, readonly string[]]> = [
    ['Warning signs', plan.warningSigns],
    ['Coping strategies', plan.copingStrategies],
    ['People and places that help', plan.distractions],
    ['Reasons for living', plan.reasonsForLiving],
  ];
  const contacts: Array<[string, SafetyPlan['contacts']]> = [
    ['People to ask for help', plan.contacts],
    ['Professionals', plan.professionals],
    ['Crisis lines', plan.crisisLines],
  ];
  return (
    <div className="record-entry">
      <p className="small">Reviewed on {recordDate(plan.reviewedOn)}.</p>
      {lists
        .filter(([, items]) => items.length > 0)
        .map(([label, items]) => (
          <div key={label}>
            <h4>{label}</h4>
            <ul>
              {items.map((item, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a printed list, fixed once shown; items can repeat.
                <li key={i}>{item}</li>
              ))}
            </ul>
          </div>
        ))}
      {contacts
        .filter(([, items]) => items.length > 0)
        .map(([label, items]) => (
          <div key={label}>
            <h4>{label}</h4>
            <ul>
              {items.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a printed list, fixed once shown; names can repeat.
                <li key={i}>
                  {c.name}
                  {c.reach ? `: ${c.reach}` : ''}
                </li>
              ))}
            </ul>
          </div>
        ))}
      {plan.safeEnvironment.trim() !== '' && (
        <>
          <h4>Making the environment safe</h4>
          <p className="prewrap">{plan.safeEnvironment}</p>
        </>
      )}
    </div>
  );
}
