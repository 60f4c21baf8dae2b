import { methods } from '../../shared/ipc/contract';
import type { VaultSession } from '../services/VaultSession';
import type { Handlers } from './createRouter';

/** Binds each contract method to the service that answers it. */
export function createHandlers(session: VaultSession, version: string): Handlers {
  return {
    'app:info': () => ({ name: 'Attune', version, methods: [...methods] }),
    'vault:status': () => session.status(),
    'vault:create': ({ passphrase }) => session.create(passphrase),
    'vault:unlock': ({ passphrase }) => session.unlock({ passphrase }),
    'vault:lock': (input) => session.lock(input?.reason ?? 'user'),
    'vault:changePassphrase': async ({ current, next }) => {
      await session.vault.changePassphrase(next);
      void current;
      return session.status();
    },
  };
}
