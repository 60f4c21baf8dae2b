/**
 * A client's diagnoses and the ICD-10-CM code search, through main (issue 15). Nothing is kept
 * here: each view asks main, and a save or delete tells the views of that client to ask again
 * (the panel and the page header show the same list).
 */
import { useCallback, useEffect, useState } from 'react';
import type { IcdCode } from '../../../shared/diagnoses/icd10cm';
import type { Diagnosis } from '../../../shared/domain/diagnosisSchema';
import type { DiagnosisSaveInput } from '../../../shared/ipc/contract';
import { currentDiagnosisStatuses } from '../../../shared/ipc/contracts/diagnosisContract';
import { call, messageOf } from './api';

const changed = new EventTarget();

function announce(clientId: string): void {
  changed.dispatchEvent(new CustomEvent('changed', { detail: clientId }));
}

/** Creates or edits a diagnosis; the client's views reload. */
export async function saveDiagnosis(input: DiagnosisSaveInput): Promise<Diagnosis> {
  const saved = await call('diagnoses:save', input);
  announce(saved.clientId);
  return saved;
}

/** Removes a diagnosis entered by mistake; the client's views reload. */
export async function deleteDiagnosis(diagnosis: Diagnosis): Promise<void> {
  await call('diagnoses:delete', { id: diagnosis.id });
  announce(diagnosis.clientId);
}

/** The shipped ICD-10-CM codes matching a code or words, best first. */
export const searchIcd = (query: string, limit = 20): Promise<IcdCode[]> =>
  call('icd:search', { query, limit });

export type DiagnosesState =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; diagnoses: Diagnosis[] };

/** The client's diagnoses, current primary first; reloads after any save or delete for the client. */
export function useDiagnoses(clientId: string): { loaded: DiagnosesState; reload: () => void } {
  const [loaded, setLoaded] = useState<DiagnosesState>({ state: 'loading' });
  const reload = useCallback(() => {
    let stale = false;
    call('diagnoses:list', { clientId })
      .then((diagnoses) => !stale && setLoaded({ state: 'ready', diagnoses }))
      .catch((failure) => !stale && setLoaded({ state: 'failed', message: messageOf(failure) }));
    return () => {
      stale = true;
    };
  }, [clientId]);
  useEffect(() => {
    setLoaded({ state: 'loading' });
    let cancel = reload();
    const onChanged = (event: Event) => {
      if ((event as CustomEvent<string>).detail !== clientId) return;
      cancel();
      cancel = reload();
    };
    changed.addEventListener('changed', onChanged);
    return () => {
      cancel();
      changed.removeEventListener('changed', onChanged);
    };
  }, [clientId, reload]);
  return { loaded, reload };
}

/** The client's current (active or provisional) primary diagnosis, for the page header. */
export function usePrimaryDiagnosis(clientId: string): Diagnosis | undefined {
  const { loaded } = useDiagnoses(clientId);
  if (loaded.state !== 'ready') return undefined;
  return loaded.diagnoses.find((d) => d.rank === 'primary' && currentDiagnosisStatuses.has(d.status));
}
