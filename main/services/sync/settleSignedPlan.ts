import { compareText } from '../../../shared/compareText';
import { canonicalJson } from '../../../shared/domain/canonicalJson';
import { planSignableContent } from '../../../shared/domain/planSignableContent';
import { type TreatmentPlan, treatmentPlanSchema } from '../../../shared/domain/treatmentPlanSchema';

/** One kept version of a treatment plan version in conflict, as the engine lists it. */
export interface PlanVersion {
  opId: string;
  deviceName: string;
  at: string;
  deleted: boolean;
  value: unknown;
}

/** The most characters a plan's notes hold (treatmentPlanSchema). */
const MAX_NOTES = 20_000;

/**
 * Settles a treatment plan version in conflict of which at least one copy is signed, as a signed
 * note settles (settleSignedNote): nothing to choose and nothing lost. The earliest signature
 * stands, unchanged (a signed version is final). Each other copy whose content differs (a draft
 * edited while the version was signed elsewhere, or a second signature over other content) is
 * kept as a new draft version revising the signed one, its notes saying where it came from, so
 * the therapist can sign or discard it. `plans` are the client's plan versions already in the
 * vault: they number the new drafts, and a draft kept by an earlier settlement is not made twice.
 * Null when no copy is signed (a draft conflict is the clinician's to resolve).
 */
export function settleSignedPlan(
  versions: readonly PlanVersion[],
  plans: readonly TreatmentPlan[],
): { plan: TreatmentPlan; kept: TreatmentPlan[]; from: string[] } | null {
  const parsed = versions.flatMap((v) => {
    const plan = v.deleted ? undefined : treatmentPlanSchema.safeParse(v.value).data;
    return plan ? [{ ...v, plan }] : [];
  });
  const signed = parsed
    .filter((v) => v.plan.status === 'signed' && v.plan.signed)
    .sort((x, y) => compareText(signedAt(x.plan), signedAt(y.plan)) || (x.opId < y.opId ? -1 : 1));
  const base = signed[0];
  if (!base) return null;
  const signedContent = planSignableContent(base.plan);
  const known = new Set(plans.map((p) => p.id));
  let version = Math.max(base.plan.version, ...plans.map((p) => p.version));
  const kept: TreatmentPlan[] = [];
  const from: string[] = [];
  for (const v of parsed) {
    if (v === base) continue;
    from.push(v.deviceName);
    if (planSignableContent(v.plan) === signedContent) continue; // the same content, signed or not
    const id = `sync-${v.opId.replaceAll(':', '-')}`;
    if (known.has(id)) continue;
    version += 1;
    kept.push(
      treatmentPlanSchema.parse({
        ...v.plan,
        id,
        clientId: base.plan.clientId,
        version,
        revises: base.plan.id,
        status: 'draft',
        signed: undefined,
        notes: keptNotes(v, base.plan),
        // The other computer's save time, so every computer settling this conflict writes the same draft.
        createdAt: v.at,
        updatedAt: v.at,
      }),
    );
  }
  return { plan: base.plan, kept, from: [...new Set(from)] };
}

/**
 * True when every copy is the same plan, to the byte: what two computers that settled one
 * conflict at the same time each wrote. Only one computer settles that (the lowest device id
 * among the writers, as for notes), or each would write a new copy again, for ever.
 */
export function isPlanSettlementEcho(versions: readonly PlanVersion[]): boolean {
  if (versions.some((v) => v.deleted || v.value === null)) return false;
  return new Set(versions.map((v) => canonicalJson(v.value))).size === 1;
}

const signedAt = (plan: TreatmentPlan): string => plan.signed?.at ?? plan.updatedAt;

/** The kept draft's notes: where its changes came from, then the notes as that computer had them. */
function keptNotes(
  v: { deviceName: string; at: string; plan: TreatmentPlan },
  signed: TreatmentPlan,
): string {
  const what = v.plan.signed
    ? `signed on ${v.deviceName} by ${v.plan.signed.by} at ${v.plan.signed.at}, after version ${signed.version} had been signed on another computer with other content; that signature is not carried over`
    : `saved on ${v.deviceName} at ${v.at} while version ${signed.version} was being signed on another computer`;
  const head = `This draft keeps a version of the plan ${what}. The signed version is unchanged. Sign this draft to make its changes the plan, or discard it.`;
  return [head, v.plan.notes].filter(Boolean).join('\n\n').slice(0, MAX_NOTES);
}
