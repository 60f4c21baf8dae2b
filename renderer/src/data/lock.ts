import { call } from './api';
import { clearIndex } from './fillIndex';
import { flushPendingSaves } from './pendingSaves';

/** Saves every pending draft, locks the vault in main, then drops the renderer's index. */
export async function lockNow(reason: 'user' | 'idle' | 'suspend' | 'screen-lock' = 'user'): Promise<void> {
  await flushPendingSaves();
  try {
    await call('vault:lock', { reason });
  } finally {
    clearIndex();
  }
}
