import type { OpenVault } from '../../vault/OpenVault';
import { kinds } from '../RecordStore';
import { SETTINGS_ID } from '../SettingsService';
import type { DemoData } from './generateDemo';

export interface WriteDemoOptions {
  /** Records per commit; big commits are much faster than one save per record. */
  batchSize?: number;
  /** Called after each commit with the records written so far and the total. */
  onProgress?: (written: number, total: number) => void;
}

/**
 * Saves demo data into an open vault in batches of one commit each (clients first, so every
 * commit refers only to records already saved). Meant for new vaults: ids are the generator's.
 */
export async function writeDemo(
  vault: Pick<OpenVault, 'putMany'>,
  data: DemoData,
  options: WriteDemoOptions = {},
): Promise<void> {
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const items = [
    { kind: kinds.setting, id: SETTINGS_ID, value: data.settings as unknown },
    ...data.clients.map((value) => ({ kind: kinds.client, id: value.id, value })),
    ...data.sessions.map((value) => ({ kind: kinds.session, id: value.id, value })),
    ...data.notes.map((value) => ({ kind: kinds.note, id: value.id, value })),
    ...data.processNotes.map((value) => ({ kind: kinds.processNote, id: value.id, value })),
  ];
  for (let start = 0; start < items.length; start += batchSize) {
    const batch = items.slice(start, start + batchSize);
    await vault.putMany(batch, { type: 'import', detail: { format: 'demo', batch: start / batchSize + 1 } });
    options.onProgress?.(start + batch.length, items.length);
  }
}
