import { Pencil, Plus } from 'lucide-react';
import { useState } from 'react';
import {
  type Diagnosis,
  diagnosisRankLabels,
  diagnosisStatusLabels,
} from '../../../../shared/domain/diagnosisSchema';
import { currentDiagnosisStatuses } from '../../../../shared/ipc/contracts/diagnosisContract';
import { ConfirmableButton } from '../../components/ConfirmableButton';
import { messageOf } from '../../data/api';
import { deleteDiagnosis, useDiagnoses } from '../../data/diagnoses';
import { formatDate, todayIso } from '../../format/dates';
import { DiagnosisEditor } from './DiagnosisEditor';
import { type DiagnosisForm, formOf, newForm } from './diagnosisForm';
import './diagnoses.css';

type Editing = { diagnosis: Diagnosis | null; initial: DiagnosisForm } | null;

/**
 * The client's diagnoses on the Treatment tab (issue 15): ICD-10-CM code and title, primary or
 * secondary, status and dates; add one by searching the shipped codes, edit or delete one.
 */
export function DiagnosesPanel({ clientId }: { clientId: string }) {
  const { loaded, reload } = useDiagnoses(clientId);
  const [editing, setEditing] = useState<Editing>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const diagnoses = loaded.state === 'ready' ? loaded.diagnoses : [];
  const hasPrimary = diagnoses.some((d) => d.rank === 'primary' && currentDiagnosisStatuses.has(d.status));

  function startAdding() {
    setStatus(null);
    setEditing({ diagnosis: null, initial: newForm(todayIso(), hasPrimary) });
  }

  async function remove(diagnosis: Diagnosis) {
    setFailure(null);
    try {
      await deleteDiagnosis(diagnosis);
      setStatus(`${diagnosis.code} deleted.`);
    } catch (error) {
      setFailure(messageOf(error));
    }
  }

  return (
    <section className="card diagnoses-panel" aria-labelledby="diagnoses-heading">
      <h2 id="diagnoses-heading">Diagnoses</h2>
      {loaded.state === 'loading' && <p className="muted">Opening the diagnoses…</p>}
      {loaded.state === 'failed' && (
        <>
          <p role="alert" className="error">
            {loaded.message}
          </p>
          <button type="button" onClick={reload}>
            Try again
          </button>
        </>
      )}
      {loaded.state === 'ready' && diagnoses.length === 0 && !editing && (
        <p className="muted">
          ICD-10-CM diagnoses of this client: primary and secondary, with their dates and status.
        </p>
      )}
      {diagnoses.length > 0 && (
        <table className="list diagnoses-table">
          <caption className="visually-hidden">The client’s diagnoses</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Diagnosis</th>
              <th scope="col">Rank</th>
              <th scope="col">Status</th>
              <th scope="col">Since</th>
              <th scope="col">Ended</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {diagnoses.map((d) => (
              <tr key={d.id} className={currentDiagnosisStatuses.has(d.status) ? undefined : 'ended'}>
                <td className="diagnosis-code">{d.code}</td>
                <td>
                  {d.description}
                  {d.comment && <span className="small muted diagnosis-comment">{d.comment}</span>}
                </td>
                <td>{diagnosisRankLabels[d.rank]}</td>
                <td>
                  <span className={`badge diagnosis-status ${d.status}`}>
                    {diagnosisStatusLabels[d.status]}
                  </span>
                </td>
                <td className="diagnosis-date">{formatDate(d.diagnosedOn)}</td>
                <td className="diagnosis-date">{d.endedOn ? formatDate(d.endedOn) : '—'}</td>
                <td>
                  <div className="diagnosis-actions">
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Edit ${d.code}`}
                      onClick={() => {
                        setStatus(null);
                        setEditing({ diagnosis: d, initial: formOf(d) });
                      }}
                    >
                      <Pencil aria-hidden="true" size={14} /> Edit
                    </button>
                    <ConfirmableButton
                      label={`Delete ${d.code}`}
                      needsConfirmation
                      question={`Delete ${d.code} ${d.description}? Delete only a diagnosis entered by mistake; one that no longer applies is better marked resolved or ruled out.`}
                      confirmLabel="Delete"
                      keepLabel="Keep"
                      onConfirm={() => void remove(d)}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {editing ? (
        <DiagnosisEditor
          key={editing.diagnosis?.id ?? 'new'}
          clientId={clientId}
          editing={editing.diagnosis}
          initial={editing.initial}
          onSaved={(saved) => {
            setEditing(null);
            const how =
              `${diagnosisRankLabels[saved.rank]}, ${diagnosisStatusLabels[saved.status]}`.toLowerCase();
            setStatus(`${saved.code} ${saved.description} saved (${how}).`);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        loaded.state === 'ready' && (
          <div className="actions">
            <button
              type="button"
              className={diagnoses.length === 0 ? undefined : 'secondary'}
              onClick={startAdding}
            >
              <Plus aria-hidden="true" size={16} /> Add a diagnosis
            </button>
          </div>
        )
      )}
      <div role="status">{status && <p className="small">{status}</p>}</div>
    </section>
  );
}
