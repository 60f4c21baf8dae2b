import type { Client } from '../../../shared/domain/clientSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { ConflictWhat } from '../../../shared/ipc/contracts/syncContract';
import type { RecordConflict, SyncedVault } from '../../vault/v2/SyncedVault';
import { kinds } from '../RecordStore';

const whatOf: Record<string, ConflictWhat> = {
  [kinds.note]: 'note',
  [kinds.processNote]: 'process-note',
  [kinds.client]: 'client',
  [kinds.session]: 'session',
  [kinds.template]: 'template',
  [kinds.setting]: 'settings',
  [kinds.treatmentPlan]: 'treatment-plan',
  [kinds.diagnosis]: 'diagnosis',
  [kinds.safetyPlan]: 'safety-plan',
  [kinds.measure]: 'measure',
};

type Linked = { clientId?: unknown; sessionId?: unknown; code?: unknown; displayName?: unknown };

/**
 * What a record in conflict is, in the clinician's terms: its client (code and name) and, for a
 * note or a session, the session's date. A client's plan, diagnosis or measure names its client. Facts are read from any version that has them, then from
 * the records they point to; a fact that cannot be found is null, never a guess.
 */
export async function describeConflict(
  synced: SyncedVault,
  conflict: RecordConflict,
): Promise<{
  kind: string;
  id: string;
  what: ConflictWhat;
  client: { code: string; displayName: string } | null;
  sessionStartsAt: string | null;
}> {
  const what = whatOf[conflict.kind] ?? 'other';
  const values = conflict.versions.flatMap((v) => (v.value ? [v.value as Linked] : []));
  const read = async <T>(kind: string, id: unknown): Promise<T | null> =>
    typeof id === 'string' ? synced.get<T>(kind, id).catch(() => null) : null;
  const field = (name: keyof Linked) => values.map((v) => v[name]).find((x) => typeof x === 'string');
  const labelOf = (c: Linked | null) =>
    c && typeof c.code === 'string'
      ? { code: c.code, displayName: typeof c.displayName === 'string' ? c.displayName : '' }
      : null;
  switch (what) {
    case 'client':
      return { ...conflict, what, client: labelOf(values[0] ?? null), sessionStartsAt: null };
    case 'session': {
      const startsAt = values.map((v) => (v as Partial<Session>).startsAt).find((x) => typeof x === 'string');
      return {
        ...conflict,
        what,
        client: labelOf(await read<Client>(kinds.client, field('clientId'))),
        sessionStartsAt: startsAt ?? null,
      };
    }
    case 'treatment-plan':
    case 'diagnosis':
    case 'safety-plan':
    case 'measure':
      return {
        ...conflict,
        what,
        client: labelOf(await read<Client>(kinds.client, field('clientId'))),
        sessionStartsAt: null,
      };
    case 'note':
    case 'process-note': {
      const session = await read<Session>(kinds.session, field('sessionId'));
      return {
        ...conflict,
        what,
        client: labelOf(await read<Client>(kinds.client, field('clientId') ?? session?.clientId)),
        sessionStartsAt: session?.startsAt ?? null,
      };
    }
    default:
      return { ...conflict, what, client: null, sessionStartsAt: null };
  }
}
