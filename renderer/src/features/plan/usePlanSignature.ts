import { useEffect, useState } from 'react';
import { planSignableContent } from '../../../../shared/domain/planSignableContent';
import type { TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';

/** Whether a signed version still hashes to its signature: unknown until checked (or if it can't be). */
export type SignatureState = 'unknown' | 'intact' | 'changed';

/**
 * Checks a signed version's content against the SHA-256 recorded when it was signed, as it is
 * read (main checks it again before copying it into a revision). A draft has nothing to check.
 */
export function usePlanSignature(plan: TreatmentPlan): SignatureState {
  const [state, setState] = useState<SignatureState>('unknown');
  useEffect(() => {
    const expected = plan.signed?.contentHash;
    // A SHA-512 hash (128 hex characters) is accepted on import; only SHA-256 is checked here.
    if (expected?.length !== 64 || !globalThis.crypto?.subtle) return;
    let current = true;
    crypto.subtle
      .digest('SHA-256', new TextEncoder().encode(planSignableContent(plan)))
      .then((digest) => {
        const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
        if (current) setState(hex === expected ? 'intact' : 'changed');
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [plan]);
  return state;
}
