import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';
import { type PlanContent, planDraftInput } from '../../../../shared/ipc/contracts/planContract';
import { call } from '../../data/api';
import { discardPlanDraft, savePlanDraft, signPlan } from '../../data/plans';
import {
  discardVaultCopy,
  type Held,
  heldPlanClients,
  heldPlans,
  heldState,
  vaultCopyDiscarded,
} from '../note/draftStash';
import { type FieldErrors, InvalidDraftError, noErrors, sameErrors, toFieldErrors } from '../note/noteDraft';
import { type ChangeInfo, useAutosave } from '../note/useAutosave';

// Plan drafts that could not be saved are held in `heldPlans` (draftStash.ts, with the notes'),
// in memory by plan id until saved or the editor opens again. One that was not valid is also
// kept in the vault (plans:holdDraft), so it outlives the window: `offerHeldPlan` brings it back.

/**
 * Puts this computer's held draft of the plan version (kept in the vault when it was not valid)
 * among the held plans, unless this window holds one already (as new or newer): call before the
 * editor opens on it, which then offers it back as after a lock.
 */
export async function offerHeldPlan(planId: string): Promise<void> {
  await vaultCopyDiscarded(planId);
  const held = await call('plans:heldDraft', { id: planId }).catch(() => null);
  if (!held || heldPlans.get(planId)) return;
  // Change 0: any save made from now on supersedes it.
  heldPlans.fromVault(planId, {
    value: held.draft as PlanContent,
    change: 0,
    basedOn: held.basedOn,
    heldAt: held.heldAt,
  });
}

/** Saves sent and not yet answered, in any editor of this window. */
const inFlight = new Set<Promise<unknown>>();

/**
 * Resolves once every plan save already sent has been answered. An editor closed a moment ago
 * (the tab left right after typing) sends its last save as it goes; reading the plans again
 * before that save is stored would open the editor on the older draft.
 */
export async function planSavesSettled(): Promise<void> {
  await Promise.allSettled([...inFlight]);
}

const contentSchema = planDraftInput.pick({
  problems: true,
  goals: true,
  interventions: true,
  reviewDate: true,
  notes: true,
});

/** The editable content of a plan version. */
export function contentOf(plan: TreatmentPlan): PlanContent {
  return {
    problems: plan.problems,
    goals: plan.goals,
    interventions: plan.interventions,
    reviewDate: plan.reviewDate,
    notes: plan.notes,
  };
}

export interface PlanDraftState {
  content: PlanContent;
  setContent: (update: (current: PlanContent) => PlanContent) => void;
  errors: FieldErrors;
  status: ReturnType<typeof useAutosave<PlanContent>>['status'];
  /** Changes held from an earlier editor, made on a version saved over since: the user chooses. */
  choosing: Held<PlanContent> | undefined;
  useHeld: () => void;
  keepSaved: () => void;
  /** Saves what is typed, then signs it; resolves with the signed plan (throws if it could not). */
  sign: () => Promise<TreatmentPlan>;
  discard: () => Promise<void>;
}

/**
 * The draft editor's state: autosaved like a note (debounced, flushed on Ctrl/Cmd+S, on lock and
 * when the editor closes), validated against the plan's schema with messages by field path, and
 * whatever could not be saved held in memory and offered back when the editor opens again.
 */
export function usePlanDraft(initial: TreatmentPlan): PlanDraftState {
  const planId = initial.id;
  const [opened] = useState(() => {
    const found = heldPlans.get(planId);
    return { found, state: heldState(found, initial.updatedAt) };
  });
  const restored = opened.state === 'restore' ? opened.found : undefined;
  const [choosing, setChoosing] = useState(opened.state === 'choose' ? opened.found : undefined);
  const [content, setContentState] = useState<PlanContent>(() => restored?.value ?? contentOf(initial));
  const [errors, setErrors] = useState<FieldErrors>(noErrors);
  // The updatedAt of the last version saved from here: signing names it, so nothing unseen is signed.
  const savedAt = useRef(initial.updatedAt);
  const discarded = useRef(false);

  const showErrors = useCallback(
    (next: FieldErrors) => setErrors((current) => (sameErrors(current, next) ? current : next)),
    [],
  );
  const validate = useCallback(
    (value: PlanContent): FieldErrors => {
      const parsed = contentSchema.safeParse(value);
      const found = parsed.success ? noErrors : toFieldErrors(parsed.error.issues);
      showErrors(found);
      return found;
    },
    [showErrors],
  );
  const save = useCallback(
    async (value: PlanContent, { change, basedOn }: ChangeInfo) => {
      if (discarded.current) return savedAt.current;
      const found = validate(value);
      if (found !== noErrors) {
        // Not valid yet, so not saved: kept in the vault as it is, so a crash or quitting loses
        // nothing (main drops it once the version is saved). Waited for, so a lock waits too.
        const kept = await call('plans:holdDraft', {
          id: planId,
          draft: value,
          basedOn: basedOn ?? initial.updatedAt,
        }).then(
          () => {
            heldPlans.keptInVault(planId, change);
            return true;
          },
          () => false,
        );
        throw new InvalidDraftError(found, kept);
      }
      const request = savePlanDraft({
        id: planId,
        expectedUpdatedAt: basedOn ?? initial.updatedAt,
        ...value,
      });
      inFlight.add(request);
      const saved = await request.finally(() => inFlight.delete(request));
      heldPlans.saved(planId, change);
      savedAt.current = saved.updatedAt;
      return saved.updatedAt;
    },
    [planId, initial.updatedAt, validate],
  );
  const keepUnsaved = useCallback(
    (value: PlanContent, { change, basedOn }: ChangeInfo) => {
      if (discarded.current) return;
      heldPlanClients.set(planId, initial.clientId);
      heldPlans.hold(planId, { value, change, basedOn, heldAt: new Date().toISOString() });
    },
    [planId, initial.clientId],
  );
  const autosave = useAutosave({ save, savedAt: initial.updatedAt, basedOn: initial.updatedAt, keepUnsaved });
  const { change, flush } = autosave;

  const setContent = useCallback(
    (update: (current: PlanContent) => PlanContent) => setContentState(update),
    [],
  );
  // Every change reaches the autosaver after render, off the typing path (as in the note editor).
  const lastContent = useRef(content);
  useEffect(() => {
    if (content === lastContent.current) return;
    lastContent.current = content;
    change(content);
  }, [content, change]);

  // What was held from an editor closed on this same version is restored and saved again.
  useEffect(() => {
    if (restored === undefined) return;
    validate(restored.value);
    change(restored.value);
    void flush();
  }, [restored, change, flush, validate]);

  const useHeld = useCallback(() => {
    if (!choosing) return;
    heldPlans.discard(planId);
    // In the editor now: saved from there (or held again, if still not valid), not offered again.
    discardVaultCopy(planId, () => call('plans:discardHeldDraft', { id: planId }));
    setChoosing(undefined);
    setContent(() => choosing.value);
  }, [choosing, planId, setContent]);
  const keepSaved = useCallback(() => {
    heldPlans.discard(planId);
    // And the copy kept in the vault, or it would be offered again at the next opening.
    discardVaultCopy(planId, () => call('plans:discardHeldDraft', { id: planId }));
    setChoosing(undefined);
  }, [planId]);

  const sign = useCallback(async () => {
    if (!(await flush())) {
      throw new Error(
        'The draft could not be saved, so it was not signed. Fix what is marked, then sign again.',
      );
    }
    return signPlan(planId, savedAt.current);
  }, [flush, planId]);
  const discard = useCallback(async () => {
    discarded.current = true;
    try {
      await discardPlanDraft(planId);
      heldPlans.discard(planId);
    } catch (error) {
      discarded.current = false;
      throw error;
    }
  }, [planId]);

  return useMemo(
    () => ({
      content,
      setContent,
      errors,
      status: autosave.status,
      choosing,
      useHeld,
      keepSaved,
      sign,
      discard,
    }),
    [content, setContent, errors, autosave.status, choosing, useHeld, keepSaved, sign, discard],
  );
}
