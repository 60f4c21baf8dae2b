import { diagnosisRankLabels, diagnosisStatusLabels } from '../../../../shared/domain/diagnosisSchema';
import { goalStatusLabels } from '../../../../shared/domain/treatmentPlanSchema';
import type { ReviewPacket } from '../../../../shared/ipc/contract';
import { packetDate } from './reviewFormat';
import { Heading } from './Heading';

/**
 * The packet's treatment goals (packet version 2) and, when the clinician chose to include them,
 * the diagnoses. Nothing for a packet without either (a version 1 packet, or one without notes).
 */
export function PacketPlanView({ packet, level }: { packet: ReviewPacket; level: number }) {
  const plan = packet.treatmentPlan;
  return (
    <>
      {plan && plan.goals.length > 0 && (
        <section className="packet-plan">
          <Heading level={level}>Treatment goals</Heading>
          <p className="muted small">
            {plan.version === null
              ? 'Goals a note addressed; no version of the plan is left.'
              : `From version ${plan.version} of the plan (${plan.status === 'signed' ? 'signed' : 'a draft, not signed'})${
                  plan.reviewDate ? `, to be reviewed ${packetDate(plan.reviewDate)}` : ''
                }.`}
          </p>
          <ol>
            {plan.goals.map((g) => (
              <li key={g.goalRef}>
                {g.text} ({goalStatusLabels[g.status].toLowerCase()}
                {g.targetDate ? `, by ${packetDate(g.targetDate)}` : ''}
                {g.inPlan ? '' : '; no longer in the plan'})
                {g.objectives.length > 0 && (
                  <ul>
                    {g.objectives.map((o, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: objectives are a fixed list in a read-only packet.
                      <li key={i}>
                        {o.text}
                        {o.measure ? `; measured by ${o.measure}` : ''}
                        {o.targetDate ? `; by ${packetDate(o.targetDate)}` : ''}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      {packet.diagnoses && (
        <section className="packet-diagnoses">
          <Heading level={level}>Diagnoses</Heading>
          {packet.diagnoses.length === 0 ? (
            <p>No diagnosis recorded.</p>
          ) : (
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Diagnosis</th>
                  <th scope="col">Rank</th>
                  <th scope="col">Status</th>
                  <th scope="col">Diagnosed</th>
                </tr>
              </thead>
              <tbody>
                {packet.diagnoses.map((d, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list in a read-only packet; codes can repeat.
                  <tr key={i}>
                    <td>{d.code}</td>
                    <td>{d.description}</td>
                    <td>{diagnosisRankLabels[d.rank]}</td>
                    <td>{diagnosisStatusLabels[d.status]}</td>
                    <td>
                      {packetDate(d.diagnosedOn)}
                      {d.endedOn ? ` to ${packetDate(d.endedOn)}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
