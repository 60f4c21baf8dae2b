import { Pencil, Printer } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { SafetyPlan } from '../../../../shared/domain/riskSchema';
import { PrintFrame } from '../../components/PrintFrame';
import { call, messageOf } from '../../data/api';
import { useClient } from '../../data/hooks';
import { formatDate } from '../../format/dates';
import { unsavedForms } from '../../data/unsavedForms';
import { SafetyPlanEditor, safetyPlanFormKey } from './SafetyPlanEditor';
import { SafetyPlanView } from './SafetyPlanView';
import './risk.css';

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; plan: SafetyPlan | null };

/**
 * The client's safety plan on the Treatment tab: read, edit (one plan per client, revised in
 * place with its review date), and print a copy for the client to keep.
 */
export function SafetyPlanPanel({ clientId }: { clientId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  // A plan typed and not saved (the client left, or a lock) opens in the editor again.
  const [editing, setEditing] = useState(() => unsavedForms.has(safetyPlanFormKey(clientId)));
  const [printing, setPrinting] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const client = useClient(clientId);

  const load = useCallback(() => {
    setLoaded({ state: 'loading' });
    call('safetyPlans:get', { clientId })
      .then((plan) => setLoaded({ state: 'ready', plan }))
      .catch((failure) => setLoaded({ state: 'failed', message: messageOf(failure) }));
  }, [clientId]);
  useEffect(load, [load]);

  const startEditing = useCallback(() => {
    setStatus(null);
    setEditing(true);
  }, []);
  const printed = useCallback(() => {
    window.print();
    setPrinting(false);
    setStatus('Sent to the printer.');
  }, []);

  return (
    <section className="card safety-plan-panel" aria-labelledby="safety-plan-heading">
      <h2 id="safety-plan-heading">Safety plan</h2>
      {loaded.state === 'loading' && <p className="muted">Opening the safety plan…</p>}
      {loaded.state === 'failed' && (
        <>
          <p role="alert" className="error">
            {loaded.message}
          </p>
          <button type="button" onClick={load}>
            Try again
          </button>
        </>
      )}
      {loaded.state === 'ready' &&
        (editing ? (
          <SafetyPlanEditor
            clientId={clientId}
            plan={loaded.plan}
            onSaved={(plan) => {
              setLoaded({ state: 'ready', plan });
              setEditing(false);
              setStatus(`Safety plan saved, reviewed on ${formatDate(plan.reviewedOn)}.`);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : loaded.plan ? (
          <>
            <SafetyPlanView plan={loaded.plan} />
            <div className="actions">
              <button type="button" className="secondary" onClick={startEditing}>
                <Pencil aria-hidden="true" size={16} /> Edit safety plan
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => setPrinting(true)}
                disabled={printing}
              >
                <Printer aria-hidden="true" size={16} /> Print for the client
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="muted">
              A plan the client keeps for a crisis: warning signs, coping, people and crisis lines to call,
              and reasons for living.
            </p>
            <button type="button" onClick={startEditing}>
              Write a safety plan
            </button>
          </>
        ))}
      <div role="status">{status && <p className="small">{status}</p>}</div>
      {printing && loaded.state === 'ready' && loaded.plan && (
        <PrintFrame className="safety-plan-print" onReady={printed}>
          <h1>My safety plan{client?.displayName ? `: ${client.displayName}` : ''}</h1>
          <p>
            If you are in danger now, call your local emergency number. Go through these steps in order until
            you feel safe.
          </p>
          <SafetyPlanView plan={loaded.plan} heading="h2" />
        </PrintFrame>
      )}
    </section>
  );
}
