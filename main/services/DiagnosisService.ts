import { randomUUID } from 'node:crypto';
import { findIcdCode, type IcdCode } from '../../shared/diagnoses/icd10cm';
import { prepareDiagnosisSearch, searchDiagnoses } from '../../shared/diagnoses/searchDiagnoses';
import { byDiagnosisStanding, type Diagnosis, diagnosisSchema } from '../../shared/domain/diagnosisSchema';
import { AttuneError } from '../../shared/errors';
import {
  currentDiagnosisStatuses,
  type DiagnosisSaveInput,
} from '../../shared/ipc/contracts/diagnosisContract';
import type { ClientService } from './ClientService';
import { type Clock, isoNow } from './Clock';
import { parseOrThrow } from './parseOrThrow';
import { kinds, type RecordStore } from './RecordStore';

const changedMessage =
  'This diagnosis was saved again elsewhere after you opened it, so your changes were not saved over it. They are still in the form: note what you need, then reload the client’s page.';
const goneMessage = 'This diagnosis no longer exists in the vault. Reload the client’s page.';

/**
 * Clients' diagnoses (issue 15): ICD-10-CM codes from the list shipped with the app, primary or
 * secondary, with dates and a status. A handful per client, so a client's are found by reading
 * the kind's records (kept in memory while unlocked). Every write is audited.
 */
export class DiagnosisService {
  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
    private readonly clients: ClientService,
  ) {}

  /** A client's diagnoses: the current primary first, then current ones, then ended, newest first. */
  async list(clientId: string): Promise<Diagnosis[]> {
    await this.clients.require(clientId);
    // The list opens the diagnoses panel: ready the code search before the first code is typed.
    prepareDiagnosisSearch();
    return (await this.#ofClient(clientId)).sort(byDiagnosisStanding).map((d) => structuredClone(d));
  }

  /** The shipped codes matching a code or words (searchDiagnoses), best first. */
  search(query: string, limit?: number): IcdCode[] {
    return searchDiagnoses(query, { limit });
  }

  /** Creates or edits a diagnosis; refused with `conflict` over a version it did not start from. */
  save(input: DiagnosisSaveInput): Promise<Diagnosis> {
    return this.store.write(async (writer) => {
      await this.clients.require(input.clientId);
      const current = input.id ? await this.store.find<Diagnosis>(kinds.diagnosis, input.id) : undefined;
      if (input.id && !current) throw new AttuneError('not-found', goneMessage);
      if (current && current.clientId !== input.clientId) {
        throw new AttuneError('invalid-input', 'This diagnosis belongs to another client. Reload the page.');
      }
      if ((current?.updatedAt ?? null) !== input.expectedUpdatedAt) {
        throw new AttuneError('conflict', changedMessage);
      }
      const known = findIcdCode(input.code);
      if (!known) {
        throw new AttuneError(
          'invalid-input',
          `${input.code.trim().toUpperCase()} is not a billable ICD-10-CM code Attune knows. Search by code or words and choose one from the list.`,
        );
      }
      // Today anywhere on Earth (UTC+14 at most), so a date entered in the morning east of UTC passes.
      const latestToday = new Date(this.clock().getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
      if (input.diagnosedOn > latestToday) {
        throw new AttuneError(
          'invalid-input',
          'The diagnosis date is in the future. Enter the date it was made.',
        );
      }
      if (input.rank === 'primary' && currentDiagnosisStatuses.has(input.status)) {
        const other = (await this.#ofClient(input.clientId)).find(
          (d) => d.id !== input.id && d.rank === 'primary' && currentDiagnosisStatuses.has(d.status),
        );
        if (other) {
          throw new AttuneError(
            'conflict',
            `${other.code} ${other.description} is already this client’s primary diagnosis. Save this one as secondary, or first make ${other.code} secondary or mark it resolved.`,
          );
        }
      }
      const { expectedUpdatedAt: _, id: __, ...fields } = input;
      const now = isoNow(this.clock);
      const diagnosis = parseOrThrow(diagnosisSchema, {
        ...fields,
        code: known.code,
        // The title as it was chosen stays with the record, unless the code itself changed.
        description: current?.code === known.code ? current.description : known.title,
        id: current?.id ?? randomUUID(),
        createdAt: current?.createdAt ?? now,
        updatedAt: now,
      });
      await writer.put(kinds.diagnosis, diagnosis.id, diagnosis, {
        type: current ? 'update' : 'create',
        detail: { kind: kinds.diagnosis, id: diagnosis.id, clientId: diagnosis.clientId },
      });
      return structuredClone(diagnosis);
    });
  }

  /** Removes a diagnosis entered by mistake (audited). */
  delete(id: string): Promise<null> {
    return this.store.write(async (writer) => {
      const current = await this.store.find<Diagnosis>(kinds.diagnosis, id);
      if (!current) throw new AttuneError('not-found', goneMessage);
      await writer.delete(kinds.diagnosis, id, {
        type: 'delete',
        detail: { kind: kinds.diagnosis, id, clientId: current.clientId },
      });
      return null;
    });
  }

  async #ofClient(clientId: string): Promise<Diagnosis[]> {
    const all = await this.store.all<Diagnosis>(kinds.diagnosis);
    return [...all.values()].filter((d) => d.clientId === clientId);
  }
}
