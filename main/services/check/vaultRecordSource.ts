import type { OpenVault } from '../../vault/OpenVault';
import type { RecordSource } from './describeDamage';

/**
 * The open vault as a source of intact records. A damaged or missing record is simply absent:
 * describing damage must not fail on the damage it describes.
 */
export function vaultRecordSource(vault: Pick<OpenVault, 'get' | 'getAll' | 'list'>): RecordSource {
  const get = async <T>(kind: string, id: string): Promise<T | undefined> => {
    try {
      return await vault.get<T>(kind, id);
    } catch {
      return undefined;
    }
  };
  return {
    get,
    async all<T>(kind: string): Promise<T[]> {
      try {
        return (await vault.getAll<T>(kind)).map((r) => r.value);
      } catch {
        // One record of this kind is damaged: read the others one by one.
        const out: T[] = [];
        for (const { id } of vault.list(kind)) {
          const value = await get<T>(kind, id);
          if (value !== undefined) out.push(value);
        }
        return out;
      }
    },
  };
}
