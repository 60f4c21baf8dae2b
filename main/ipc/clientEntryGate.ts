import { clientEntryRefusal } from '../../shared/domain/clientEntry';
import type { Method } from '../../shared/ipc/contract';
import { fail, type Result } from '../../shared/ipc/result';

/**
 * The only calls main answers while the client has the screen (client entry mode): the form's
 * own save, the passphrase that ends it, whether it is on (a reloaded window shows the form
 * again), and locking (which ends it as well: unlocking asks for the passphrase). Everything
 * else is refused in main, so a curious or compromised renderer reads nothing more of the vault.
 */
export const clientEntryChannels: ReadonlySet<Method> = new Set<Method>([
  'clientEntry:status',
  'clientEntry:saveFeedback',
  'clientEntry:saveMeasure',
  'clientEntry:finish',
  'vault:lock',
]);

/**
 * The router's gate: null lets `method` through; otherwise the refusal to answer with, before
 * the input is even parsed.
 */
export function clientEntryGate(entry: {
  readonly active: boolean;
}): (method: Method) => Result<never> | null {
  return (method) =>
    entry.active && !clientEntryChannels.has(method) ? fail('in-use', clientEntryRefusal) : null;
}
