import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { type NoteTextDoc, searchGroups } from '../../../main/services/noteText';
import { SearchThread } from '../../../main/services/searchThread';
import { KDF_THREAD_KEEP_MAX_KIB } from '../../../main/vault/argon2Worker';
import {
  endSoonSource,
  endThread,
  THREAD_END_GRACE_MS,
  THREAD_SETTLE_MS,
  threadsEndedUncleanly,
} from '../../../main/vault/endThread';
import { deriveKek } from '../../../main/vault/kdf';
import { RecordCheckThread } from '../../../main/vault/recordCheckThread';

/** A thread that answers `end` as ours do, and whose busy work (`spin`) never returns. */
const program = `const { parentPort } = require('node:worker_threads');
${endSoonSource}
parentPort.on('message', (message) => {
  if (message.type === 'end') return endSoon();
  if (message.type === 'spin') for (;;);
});`;

/** Notes enough that the index is still building when the thread is asked to end. */
function notes(count: number): NoteTextDoc[] {
  return Array.from({ length: count }, (_, i) => {
    const doc = { id: `note-${i}` } as NoteTextDoc;
    for (const group of searchGroups) doc[group] = [`rupture ${i} repair ${i % 97} money ${i % 13} breath`];
    return doc;
  });
}

describe('ending a helper thread by asking it (not terminating it while its code compiles)', () => {
  it('a thread asked to end ends by itself after the settling time, exit code 0', async () => {
    const worker = new Worker(program, { eval: true });
    const before = threadsEndedUncleanly();
    const asked = Date.now();
    expect(await endThread(worker)).toBe(0);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(THREAD_SETTLE_MS - 5);
    expect(threadsEndedUncleanly()).toBe(before);
    // Asking again, once it has ended, answers at once.
    expect(await endThread(worker)).toBeNull();
  });

  it('a thread stuck in its work is terminated after the grace time, and counted', async () => {
    const worker = new Worker(program, { eval: true });
    worker.postMessage({ type: 'spin' });
    const before = threadsEndedUncleanly();
    expect(await endThread(worker)).toBe(1);
    expect(threadsEndedUncleanly()).toBe(before + 1);
  });

  it('the search thread, asked mid-build, ends by itself and fails what was asked with `locked`', async () => {
    const before = threadsEndedUncleanly();
    const thread = new SearchThread(notes(4000));
    await thread.scanned;
    const asked = expect(thread.search('rupture', 10, 0)).rejects.toMatchObject({ kind: 'locked' });
    const built = expect(thread.built).rejects.toMatchObject({ kind: 'locked' });
    await thread.stop();
    await asked;
    await built;
    expect(threadsEndedUncleanly()).toBe(before);
  });

  it('the Argon2 thread after an unlock’s derivation, and an unused record check thread, end by themselves', async () => {
    const before = threadsEndedUncleanly();
    RecordCheckThread.start(null).stop();
    const key = await deriveKek('a long enough test passphrase', Buffer.alloc(16, 3), {
      memoryKiB: KDF_THREAD_KEEP_MAX_KIB * 2,
      iterations: 1,
      parallelism: 1,
    });
    expect(key.length).toBe(32);
    // Had either not answered `end`, it would fail or be terminated at the grace time (and be counted).
    await new Promise((resolve) => setTimeout(resolve, THREAD_END_GRACE_MS + 500));
    expect(threadsEndedUncleanly()).toBe(before);
  });
});
