import { useCallback, useEffect, useState } from 'react';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
import { call, messageOf } from './api';

export type PlanVersionsState =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; plans: TreatmentPlan[] };

/**
 * Every version of a client's treatment plan (drafts and signed), read from main when the
 * screen opens: the note's goals and the goal progress chart name goals by their plan's words.
 * Plans are few per client, so they are not part of the renderer's index. `reload` reads again.
 */
export function usePlanVersions(clientId: string): PlanVersionsState & { reload: () => void } {
  // Each result remembers its client, so another client's page never shows these plans.
  const [result, setResult] = useState<{ clientId: string; value: PlanVersionsState }>({
    clientId,
    value: { state: 'loading' },
  });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    let current = true;
    call('plans:list', { clientId })
      .then((plans) => current && setResult({ clientId, value: { state: 'ready', plans } }))
      .catch(
        (error) => current && setResult({ clientId, value: { state: 'failed', message: messageOf(error) } }),
      );
    return () => {
      current = false;
    };
  }, [clientId, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...(result.clientId === clientId ? result.value : { state: 'loading' }), reload };
}
