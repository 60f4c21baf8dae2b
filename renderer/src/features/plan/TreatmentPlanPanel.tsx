import { FilePenLine } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { currentPlan, latestDraft, planReviewDue } from '../../../../shared/domain/currentPlan';
import type { TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';
import { messageOf } from '../../data/api';
import { createPlan, listPlans, revisePlan } from '../../data/plans';
import { formatDate, formatDateTime, todayIso } from '../../format/dates';
import { PlanEditor } from './PlanEditor';
import { PlanVersionView } from './PlanVersionView';
import { planPurpose } from './planWords';
import { offerHeldPlan, planSavesSettled } from './usePlanDraft';
import './plan.css';

/**
 * A client's treatment plan on the Treatment tab: the plan in force, read-only, with "Revise
 * plan"; the draft being written, in the editor; a notice once the review date has come; and
 * every earlier version, readable as it was signed.
 */
export function TreatmentPlanPanel({ clientId }: { clientId: string }) {
  const [plans, setPlans] = useState<TreatmentPlan[] | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The draft just started here: its editor takes focus, as the button that started it is gone. */
  const [started, setStarted] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      await planSavesSettled();
      const list = await listPlans(clientId);
      // A draft held in the vault (not valid when typed) is offered back when the editor opens.
      const draft = latestDraft(list);
      if (draft) await offerHeldPlan(draft.id);
      setPlans(list);
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [clientId]);
  useEffect(() => {
    void load();
  }, [load]);

  async function start(action: () => Promise<TreatmentPlan>) {
    setBusy(true);
    try {
      setStarted((await action()).id);
      await load();
    } catch (failure) {
      // Refused, most often because another window started or signed a version: show what is there now.
      await load();
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  /**
   * Signed or discarded: the editor, and the button pressed in it, are gone. Once the plan is
   * drawn again without them, focus goes to the panel's heading rather than being left on the page.
   */
  const focusAfterLoad = useRef(false);
  const editorClosed = () => {
    focusAfterLoad.current = true;
    void load();
  };
  useEffect(() => {
    if (!focusAfterLoad.current || plans === undefined) return;
    focusAfterLoad.current = false;
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) heading.current?.focus();
  }, [plans]);

  const current = plans ? currentPlan(plans) : null;
  const draft = plans ? latestDraft(plans) : null;
  const earlier = (plans ?? []).filter((p) => p !== current && p !== draft);
  const due = current !== null && planReviewDue(current, todayIso());

  return (
    <section className="card plan-panel" aria-labelledby="plan-heading">
      <div className="plan-panel-head">
        <h2 id="plan-heading" ref={heading} tabIndex={-1}>
          Treatment plan
        </h2>
        {current && !draft && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void start(() => revisePlan(clientId))}
          >
            <FilePenLine aria-hidden="true" size={16} /> Revise plan
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {due && current && (
        <div className="banner warning plan-review-due" role="status">
          <span className="banner-text">
            This plan’s review was due on {formatDate(current.reviewDate)}.{' '}
            {draft
              ? 'Finish and sign the revision below to record the review.'
              : 'Review it with the client, then choose “Revise plan” to record the new version.'}
          </span>
        </div>
      )}

      {plans === undefined ? (
        !error && <p className="muted">Loading the treatment plan…</p>
      ) : plans.length === 0 ? (
        <div className="plan-empty">
          <p>{planPurpose}</p>
          <button type="button" disabled={busy} onClick={() => void start(() => createPlan(clientId))}>
            Write a treatment plan
          </button>
        </div>
      ) : (
        <>
          {draft && (
            <PlanEditor
              key={draft.id}
              plan={draft}
              takeFocus={draft.id === started}
              onSigned={editorClosed}
              onDiscarded={editorClosed}
            />
          )}
          {current &&
            (draft ? (
              <details className="plan-version">
                <summary>
                  The plan in force: version {current.version}
                  {current.signed &&
                    `, signed by ${current.signed.by} on ${formatDateTime(current.signed.at)}`}
                </summary>
                <PlanVersionView plan={current} headingLevel={5} showSignature={false} />
              </details>
            ) : (
              <PlanVersionView plan={current} />
            ))}
          {earlier.length > 0 && (
            <div className="plan-history">
              <h3>Earlier versions</h3>
              <ul>
                {earlier.map((plan) => (
                  <li key={plan.id}>
                    <details className="plan-version">
                      <summary>
                        Version {plan.version}
                        {plan.signed
                          ? `, signed by ${plan.signed.by} on ${formatDateTime(plan.signed.at)}`
                          : ', never signed'}
                      </summary>
                      <PlanVersionView plan={plan} headingLevel={5} showSignature={false} />
                    </details>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
