import { randomUUID } from 'node:crypto';
import { currentSafetyPlan } from '../../shared/domain/currentSafetyPlan';
import { type SafetyPlan, safetyPlanSchema } from '../../shared/domain/riskSchema';
import { AttuneError } from '../../shared/errors';
import type { SafetyPlanSaveInput } from '../../shared/ipc/contracts/safetyPlanContract';
import type { ClientService } from './ClientService';
import { type Clock, isoNow } from './Clock';
import { parseOrThrow } from './parseOrThrow';
import { kinds, type RecordStore } from './RecordStore';

const changedMessage =
  'This safety plan was saved again elsewhere after you opened it, so your changes were not saved over it. They are still in the form: copy what you need, then reload the plan.';

/**
 * Clients' safety plans (Stanley–Brown): one per client, revised in place, each save audited.
 * A handful of records per vault, so finding a client's plan reads them all.
 */
export class SafetyPlanService {
  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
    private readonly clients: ClientService,
  ) {}

  /** The client's safety plan, or null when none was written. */
  async get(clientId: string): Promise<SafetyPlan | null> {
    await this.clients.require(clientId);
    const found = await this.#find(clientId);
    return found ? structuredClone(found) : null;
  }

  /** Creates or revises the client's plan; refused with `conflict` over a version it did not start from. */
  save(input: SafetyPlanSaveInput): Promise<SafetyPlan> {
    return this.store.write(async (writer) => {
      await this.clients.require(input.clientId);
      const current = await this.#find(input.clientId);
      if ((current?.updatedAt ?? null) !== input.expectedUpdatedAt) {
        throw new AttuneError('conflict', changedMessage);
      }
      const { expectedUpdatedAt: _, ...fields } = input;
      const now = isoNow(this.clock);
      const plan = parseOrThrow(safetyPlanSchema, {
        ...fields,
        id: current?.id ?? randomUUID(),
        createdAt: current?.createdAt ?? now,
        updatedAt: now,
      });
      await writer.put(kinds.safetyPlan, plan.id, plan, {
        type: current ? 'update' : 'create',
        detail: { kind: kinds.safetyPlan, id: plan.id, clientId: plan.clientId },
      });
      return structuredClone(plan);
    });
  }

  async #find(clientId: string): Promise<SafetyPlan | null> {
    return currentSafetyPlan((await this.store.all<SafetyPlan>(kinds.safetyPlan)).values(), clientId);
  }
}
