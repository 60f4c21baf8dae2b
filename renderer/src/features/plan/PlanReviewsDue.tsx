import { ClipboardCheck } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { PlanReviewDue } from '../../../../shared/ipc/contract';
import { useClientLookup } from '../../data/hooks';
import { planReviewsDue } from '../../data/plans';
import { todayIso } from '../../format/dates';
import { rememberTab } from '../client/clientTab';
import { RowWhen } from '../today/RowWhen';
import { compactDate, fullDate } from '../today/rowDates';

/** How many rows show before "Show all", as in Today's other sections after the notes to finish. */
const ROWS = 8;

/**
 * The plan reviews due, asked of main (a pass over the plans only) as Today opens, beside its
 * slice of sessions and notes rather than after them: asked once Today's sections were drawn, it
 * waited behind the index's transfer of every summary (about a second at 10,000 notes).
 */
export function usePlanReviewsDue(): PlanReviewDue[] | null {
  const [due, setDue] = useState<PlanReviewDue[] | null>(null);
  useEffect(() => {
    let current = true;
    planReviewsDue(todayIso())
      .then((rows) => current && setDue(rows))
      // A reminder that could not be read is left out: the Treatment tab shows it too.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return due;
}

/**
 * Today's "Plan reviews due": each client whose signed treatment plan has reached its review
 * date, earliest first; a row opens the client's Treatment tab. Its rows come from
 * `usePlanReviewsDue`, so Today's notes never wait for them; nothing shows while none is due.
 */
export function PlanReviewsDue({
  due,
  onOpenClient,
}: {
  due: PlanReviewDue[] | null;
  onOpenClient: (clientId: string) => void;
}) {
  const [all, setAll] = useState(false);
  const clients = useClientLookup();
  if (!due || due.length === 0) return null;

  const open = (clientId: string) => {
    rememberTab(clientId, 'treatment');
    onOpenClient(clientId);
  };
  const shown = all ? due : due.slice(0, ROWS);
  return (
    <section className="today-section plan-reviews" aria-labelledby="today-plan-reviews">
      <h2 id="today-plan-reviews">
        Plan reviews due<span className="today-count"> {due.length}</span>
      </h2>
      <ul className="today-rows">
        {shown.map((row) => {
          const code = clients?.get(row.clientId)?.code ?? 'Unknown client';
          const base = `plan-review-${row.planId}`;
          return (
            <li className="today-row" key={row.planId}>
              <button
                type="button"
                id={`${base}-client`}
                className="link today-client"
                onClick={() => open(row.clientId)}
              >
                {code}
              </button>
              <RowWhen
                id={`${base}-when`}
                spoken={`Review due ${fullDate(row.reviewDate)}, version ${row.version}`}
              >
                Review due <time dateTime={row.reviewDate}>{compactDate(row.reviewDate)}</time>
                <span className="today-ago"> · version {row.version}</span>
              </RowWhen>
              <button
                type="button"
                className="secondary small today-write"
                aria-describedby={`${base}-client ${base}-when`}
                onClick={() => open(row.clientId)}
              >
                <ClipboardCheck aria-hidden="true" size={14} /> Review plan
              </button>
            </li>
          );
        })}
      </ul>
      {shown.length < due.length && (
        <button type="button" className="link today-more" onClick={() => setAll(true)}>
          Show all {due.length}
        </button>
      )}
    </section>
  );
}
