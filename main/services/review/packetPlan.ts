/**
 * The clinical record's thread in a review packet (packet version 2, issue 15): the client's
 * treatment plan goals, de-identified and known by fresh refs; the diagnoses, only when the
 * clinician ticked them; and, when they did not, the client's own diagnosis codes taken out of
 * every free-text field, so a code typed into a note or a goal does not travel either.
 */
import { currentPlan, latestDraft, newestFirst } from '../../../shared/domain/currentPlan';
import { byDiagnosisStanding, type Diagnosis } from '../../../shared/domain/diagnosisSchema';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
import { createDeidentifier } from '../../../shared/review/deidentify';
import type { PacketDiagnosis, PacketGoal, PacketPlan } from '../../../shared/review/packetSchema';
import { kinds } from '../RecordStore';
import type { RefMaker } from './packetRefs';
import { type ReviewVault, valuesOf } from './reviewKinds';

/** What a diagnosis code becomes in free text when diagnoses are not in the packet. */
export const DIAGNOSIS_PLACEHOLDER = '[diagnosis]';

/** The client's plan versions and diagnoses, as stored. */
export async function clinicalThreadOf(
  vault: ReviewVault,
  clientId: string,
): Promise<{ plans: TreatmentPlan[]; diagnoses: Diagnosis[] }> {
  const plans = (await valuesOf<TreatmentPlan>(vault, kinds.treatmentPlan)).filter(
    (p) => p.clientId === clientId,
  );
  const diagnoses = (await valuesOf<Diagnosis>(vault, kinds.diagnosis)).filter(
    (d) => d.clientId === clientId,
  );
  return { plans, diagnoses };
}

/**
 * Replaces the client's diagnosis codes where they stand as whole words ("F41.1", "f41.1",
 * "F411", "F41-1"), with the same matching as names (shared/review/deidentify.ts). Only the
 * client's own codes: a pattern for every ICD-like token would also eat "B12" or "A4 paper".
 */
export function diagnosisCodeScrubber(diagnoses: readonly Diagnosis[]): (text: string) => string {
  return createDeidentifier({ names: diagnoses.map((d) => d.code), replacement: DIAGNOSIS_PLACEHOLDER });
}

/** The diagnoses as a packet carries them when ticked: in their one order (byDiagnosisStanding), dates shifted, no comment. */
export function packetDiagnoses(
  diagnoses: readonly Diagnosis[],
  shiftDate: (date: string) => string,
): PacketDiagnosis[] {
  return [...diagnoses].sort(byDiagnosisStanding).map((d) => ({
    code: d.code,
    description: d.description,
    rank: d.rank,
    status: d.status,
    diagnosedOn: shiftDate(d.diagnosedOn),
    endedOn: d.endedOn === null ? null : shiftDate(d.endedOn),
  }));
}

/**
 * Gives each goal a packet ref and collects the goals the packet carries: every goal of the plan
 * in force (the newest signed version, else the draft, as the note editor offers them), and any
 * goal a packet note addressed that only an earlier version holds (its last wording).
 */
export class GoalMapper {
  readonly #refs = new Map<string, string>();
  readonly #extra: PacketGoal[] = [];
  readonly #plan: TreatmentPlan | null;
  readonly #goals: PacketGoal[];

  constructor(
    private readonly plans: readonly TreatmentPlan[],
    private readonly refs: RefMaker,
    private readonly clean: (text: string) => string,
    private readonly shiftDate: (date: string) => string,
  ) {
    this.#plan = currentPlan(plans) ?? latestDraft(plans);
    this.#goals = (this.#plan?.goals ?? []).map((g) => this.#packetGoal(g, true));
  }

  /** The packet ref of a goal, adding it from an earlier version (or as unknown) when needed. */
  ref(goalId: string): string {
    const known = this.#refs.get(goalId);
    if (known) return known;
    const earlier = newestFirst(this.plans)
      .flatMap((p) => p.goals)
      .find((g) => g.id === goalId);
    const goal = earlier
      ? this.#packetGoal(earlier, false)
      : this.#packetGoal(
          {
            id: goalId,
            text: 'A goal no longer in any version of the plan',
            objectives: [],
            targetDate: null,
          },
          false,
          'discontinued',
        );
    this.#extra.push(goal);
    return goal.goalRef;
  }

  /** The plan for the packet, or null when the client has no plan and no note addressed a goal. */
  result(): PacketPlan | null {
    if (!this.#plan) {
      if (this.#extra.length === 0) return null;
      // Goals addressed with no plan left (a draft discarded): carried, with no version to name.
      return { version: null, status: null, reviewDate: null, goals: this.#extra };
    }
    return {
      version: this.#plan.version,
      status: this.#plan.status,
      reviewDate: this.shiftDate(this.#plan.reviewDate),
      goals: [...this.#goals, ...this.#extra],
    };
  }

  #packetGoal(
    goal: Pick<TreatmentPlan['goals'][number], 'id' | 'text' | 'objectives' | 'targetDate'> &
      Partial<Pick<TreatmentPlan['goals'][number], 'status'>>,
    inPlan: boolean,
    status: PacketGoal['status'] = goal.status ?? 'active',
  ): PacketGoal {
    const goalRef = this.refs.make('g');
    this.#refs.set(goal.id, goalRef);
    return {
      goalRef,
      text: this.clean(goal.text),
      status,
      targetDate: goal.targetDate === null ? null : this.shiftDate(goal.targetDate),
      objectives: goal.objectives.map((o) => ({
        text: this.clean(o.text),
        measure: this.clean(o.measure),
        targetDate: o.targetDate === null ? null : this.shiftDate(o.targetDate),
      })),
      inPlan,
    };
  }
}
