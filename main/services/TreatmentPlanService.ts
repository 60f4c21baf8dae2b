import { randomUUID } from 'node:crypto';
import type { Client } from '../../shared/domain/clientSchema';
import { currentPlan, latestDraft, newestFirst, planReviewDue } from '../../shared/domain/currentPlan';
import { planSignableContent } from '../../shared/domain/planSignableContent';
import { type TreatmentPlan, treatmentPlanSchema } from '../../shared/domain/treatmentPlanSchema';
import { AttuneError } from '../../shared/errors';
import type { HeldDraft } from '../../shared/ipc/contract';
import type { PlanDraftInput, PlanReviewDue } from '../../shared/ipc/contracts/planContract';
import { sha256Hex } from '../vault/binary';
import type { ClientService } from './ClientService';
import { type Clock, isoNow } from './Clock';
import type { HeldDraftStore } from './HeldDraftStore';
import { signerName } from './NoteService';
import { parseOrThrow } from './parseOrThrow';
import { kinds, type RecordStore } from './RecordStore';
import type { SettingsService } from './SettingsService';

/** How far ahead a new plan's first review date is set: a quarter, the usual review cycle. */
const REVIEW_AFTER_DAYS = 90;

const signedMessage =
  'This version of the plan is signed and can’t be changed. Choose “Revise plan” to start a new version.';
const changedMessage =
  'This draft was saved again elsewhere after these changes were made, so they were not saved over it. Reload the client’s Treatment tab to see the saved draft.';
const goneMessage = 'This plan version no longer exists in the vault. Reload the client’s Treatment tab.';

/** The SHA-256, in hex, of the content a plan's signature covers. */
export function planContentHashOf(plan: TreatmentPlan): string {
  return sha256Hex(planSignableContent(plan));
}

/** Whether a signed plan still hashes to the hash recorded when it was signed. */
export function planSignatureIntact(plan: TreatmentPlan): boolean {
  return !plan.signed || plan.signed.contentHash === planContentHashOf(plan);
}

/**
 * A client's treatment plan, kept as versions (issue 15): one draft at a time, written and then
 * signed; a signed version never changes again, and revising it starts the next version as a
 * draft copied from it. Goal and objective ids carry over, so notes' progress follows the goals.
 */
export class TreatmentPlanService {
  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
    private readonly clients: ClientService,
    private readonly settings: SettingsService,
    /** Drafts not valid yet, kept until the plan version is saved (HeldDraftStore). */
    private readonly held: HeldDraftStore,
  ) {}

  /** Every version of the client's plan, newest version first. */
  async list(clientId: string): Promise<TreatmentPlan[]> {
    return newestFirst(await this.#ofClient(clientId)).map((p) => structuredClone(p));
  }

  /** Starts the client's first plan: an empty draft, version 1, reviewed in a quarter. */
  create(clientId: string): Promise<TreatmentPlan> {
    return this.store.write(async (writer) => {
      await this.clients.require(clientId);
      const existing = await this.#ofClient(clientId);
      if (existing.length > 0) {
        throw new AttuneError(
          'conflict',
          latestDraft(existing)
            ? 'This client’s treatment plan already has a draft; open it on the Treatment tab.'
            : 'This client already has a treatment plan; choose “Revise plan” to start a new version.',
        );
      }
      const now = isoNow(this.clock);
      const plan = parseOrThrow(treatmentPlanSchema, {
        id: randomUUID(),
        clientId,
        version: 1,
        revises: null,
        status: 'draft',
        problems: [],
        goals: [],
        interventions: [],
        reviewDate: localDate(addDays(this.clock(), REVIEW_AFTER_DAYS)),
        notes: '',
        createdAt: now,
        updatedAt: now,
      });
      await writer.put(kinds.treatmentPlan, plan.id, plan, {
        type: 'create',
        detail: { kind: kinds.treatmentPlan, id: plan.id, version: plan.version },
      });
      return structuredClone(plan);
    });
  }

  /**
   * Saves a draft's content over the version the editor started from. Drafts are not audited one
   * save at a time (they autosave), as notes are not: creating, signing and discarding are.
   */
  save(input: PlanDraftInput): Promise<TreatmentPlan> {
    return this.store.write(async (writer) => {
      const current = await this.#require(input.id);
      if (current.status === 'signed') throw new AttuneError('read-only', signedMessage);
      if (current.updatedAt !== input.expectedUpdatedAt) throw new AttuneError('conflict', changedMessage);
      const plan = parseOrThrow(treatmentPlanSchema, {
        ...current,
        problems: input.problems,
        goals: input.goals,
        interventions: input.interventions,
        reviewDate: input.reviewDate,
        notes: input.notes ?? current.notes,
        updatedAt: laterThan(isoNow(this.clock), current.updatedAt),
      });
      await writer.put(kinds.treatmentPlan, plan.id, plan);
      // Saved on top of a draft held back before (not valid then): that draft is superseded.
      await this.held.clearSuperseded(writer, 'plan', plan.id, input.expectedUpdatedAt);
      return structuredClone(plan);
    });
  }

  /**
   * Keeps a draft version's content that cannot be saved yet (not valid) in the vault, so what was
   * typed survives a crash or quitting; the editor offers it back when the plan is opened again.
   */
  holdDraft(id: string, draft: Record<string, unknown>, basedOn: string | null): Promise<{ heldAt: string }> {
    return this.store.write(async (writer) => {
      const current = await this.#require(id);
      if (current.status === 'signed') throw new AttuneError('read-only', signedMessage);
      return { heldAt: await this.held.put(writer, 'plan', id, draft, basedOn) };
    });
  }

  /** This computer's held draft of a plan version still in draft (a signed one has none to offer). */
  async heldDraft(id: string): Promise<HeldDraft | null> {
    const current = await this.#require(id);
    if (current.status === 'signed') return null;
    return structuredClone(await this.held.find('plan', id));
  }

  /** Drops this computer's held draft of the plan version: the writer kept the saved version. */
  discardHeldDraft(id: string): Promise<null> {
    return this.store.write(async (writer) => {
      await this.#require(id);
      await this.held.clear(writer, 'plan', id);
      return null;
    });
  }

  /** Signs a draft as last saved: who, when and the hash of its content; it is final from then. */
  sign(id: string, expectedUpdatedAt: string): Promise<TreatmentPlan> {
    return this.store.write(async (writer) => {
      const current = await this.#require(id);
      if (current.status === 'signed') {
        throw new AttuneError('conflict', 'This version of the plan is already signed.');
      }
      if (current.updatedAt !== expectedUpdatedAt) throw new AttuneError('conflict', changedMessage);
      if (current.goals.length === 0) {
        throw new AttuneError(
          'invalid-input',
          'Add at least one goal before signing: a plan is signed for the goals it sets.',
        );
      }
      const name = signerName(await this.settings.get());
      const content = parseOrThrow(treatmentPlanSchema, current);
      const contentHash = planContentHashOf(content);
      const at = laterThan(isoNow(this.clock), current.updatedAt);
      const plan = parseOrThrow(treatmentPlanSchema, {
        ...content,
        status: 'signed',
        signed: { at, by: name, contentHash },
        updatedAt: at,
      });
      await writer.put(kinds.treatmentPlan, plan.id, plan, {
        type: 'sign',
        detail: { kind: kinds.treatmentPlan, id, version: plan.version, contentHash },
      });
      // Signed as saved: nothing held back may come back over it.
      await this.held.clear(writer, 'plan', id);
      return structuredClone(plan);
    });
  }

  /**
   * Starts the next version as a draft copied from the current signed one (same goal and
   * objective ids, so notes' progress follows them). One draft at a time: with a draft already
   * open, it is refused.
   */
  revise(clientId: string): Promise<TreatmentPlan> {
    return this.store.write(async (writer) => {
      const plans = await this.#ofClient(clientId);
      if (latestDraft(plans)) {
        throw new AttuneError(
          'conflict',
          'This client’s plan already has a draft version; finish or discard it before starting another.',
        );
      }
      const signed = currentPlan(plans);
      if (!signed) {
        throw new AttuneError('not-found', 'This client has no signed plan to revise yet; write one first.');
      }
      if (!planSignatureIntact(signed)) {
        throw new AttuneError(
          'integrity',
          'The signed plan no longer matches the hash recorded when it was signed, so it was not copied into a new version. Run a vault check.',
        );
      }
      const now = isoNow(this.clock);
      const version = Math.max(...plans.map((p) => p.version)) + 1;
      const plan = parseOrThrow(treatmentPlanSchema, {
        id: randomUUID(),
        clientId,
        version,
        revises: signed.id,
        status: 'draft',
        problems: structuredClone(signed.problems),
        goals: structuredClone(signed.goals),
        interventions: structuredClone(signed.interventions),
        reviewDate: signed.reviewDate,
        notes: signed.notes,
        createdAt: now,
        updatedAt: now,
      });
      await writer.put(kinds.treatmentPlan, plan.id, plan, {
        type: 'create',
        detail: { kind: kinds.treatmentPlan, id: plan.id, version, revises: signed.id },
      });
      return structuredClone(plan);
    });
  }

  /** Removes a draft version; a signed version is never removed. */
  discard(id: string): Promise<null> {
    return this.store.write(async (writer) => {
      const current = await this.#require(id);
      if (current.status === 'signed') {
        throw new AttuneError(
          'read-only',
          'A signed version of the plan is kept as it was and can’t be discarded.',
        );
      }
      await writer.delete(kinds.treatmentPlan, id, {
        type: 'delete',
        detail: { kind: kinds.treatmentPlan, id, version: current.version },
      });
      await this.held.clear(writer, 'plan', id);
      return null;
    });
  }

  /**
   * Each current client's signed plan whose review date is `today` or earlier, earliest review
   * first. One pass over the plans in memory: cheap enough for Today.
   */
  async reviewsDue(today: string): Promise<PlanReviewDue[]> {
    const byClient = new Map<string, TreatmentPlan[]>();
    for (const plan of (await this.store.all<TreatmentPlan>(kinds.treatmentPlan)).values()) {
      const list = byClient.get(plan.clientId);
      if (list) list.push(plan);
      else byClient.set(plan.clientId, [plan]);
    }
    // A finished client's plan is not reviewed any more: no reminder.
    const clients = await this.store.all<Client>(kinds.client);
    const due: PlanReviewDue[] = [];
    for (const [clientId, plans] of byClient) {
      if (clients.get(clientId)?.status === 'closed') continue;
      const plan = currentPlan(plans);
      if (plan && planReviewDue(plan, today)) {
        due.push({ clientId, planId: plan.id, version: plan.version, reviewDate: plan.reviewDate });
      }
    }
    return due.sort((a, b) => (a.reviewDate < b.reviewDate ? -1 : a.reviewDate > b.reviewDate ? 1 : 0));
  }

  async #ofClient(clientId: string): Promise<TreatmentPlan[]> {
    const all = await this.store.all<TreatmentPlan>(kinds.treatmentPlan);
    return [...all.values()].filter((p) => p.clientId === clientId);
  }

  async #require(id: string): Promise<TreatmentPlan> {
    const plan = await this.store.find<TreatmentPlan>(kinds.treatmentPlan, id);
    if (!plan) throw new AttuneError('not-found', goneMessage);
    return plan;
  }
}

/**
 * A timestamp strictly after `previous`: two saves within the same millisecond (or a clock set
 * back) must still tell versions apart, or the concurrency check could not.
 */
function laterThan(now: string, previous: string): string {
  return Date.parse(now) > Date.parse(previous) ? now : new Date(Date.parse(previous) + 1).toISOString();
}

function addDays(date: Date, days: number): Date {
  const next = new Date(date);
  next.setDate(next.getDate() + days);
  return next;
}

/** A Date's calendar day in local time, yyyy-mm-dd. */
function localDate(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
