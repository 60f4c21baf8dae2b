/**
 * Run in a child process by heapAfterLock.test.ts (bundled first, see bundleChild.ts), with
 * `node --expose-gc heapChild.cjs DIR PASSPHRASE SNAPSHOT_DIR` and a marker word on stdin.
 * Unlocks the vault through the services, writes a note and a process note whose texts hold the
 * marker, reads them back, searches for it, saves both again (the last writes before the lock,
 * as autosave does them), writes a heap snapshot, locks, collects garbage and writes a second snapshot. Prints one JSON
 * line: the snapshot paths and whether the vault's key buffers were zeroed.
 * The marker arrives as bytes (stdin, not argv or env) so this program holds no string of it
 * except the ones the services make.
 */
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { createServices, type Services } from '../../../../main/services/createServices';
import { VaultSession } from '../../../../main/services/VaultSession';
import { emptyAttunement } from '../../../../shared/domain/attunementSchema';
import type { NoteDraft } from '../../../../shared/domain/noteSchema';
import { emptyParticipation } from '../../../../shared/domain/participationSchema';

const [dir, passphrase, snapshotDir] = process.argv.slice(2);

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Uses the services as the app does; returns nothing, so no plaintext stays on this stack. */
async function writeAndRead(services: Services, marker: Buffer): Promise<void> {
  const client = await services.clients.create({
    code: 'C-01',
    displayName: 'Test Person',
    startDate: '2025-01-06',
    concerns: [],
    goals: [],
  });
  const session = await services.sessions.create({
    clientId: client.id,
    startsAt: '2025-03-14T09:00:00Z',
    durationMinutes: 50,
    modality: 'in-person',
    attendance: 'attended',
  });
  const note = await services.notes.create(session.id, 'soap');
  const draft = (): NoteDraft => ({
    sections: { subjective: `${marker.toString('utf8')} said the week was hard.` },
    attunement: emptyAttunement(),
    coRegulation: '',
    ruptures: [],
    sessionJudgments: { therapistContribution: null, overallResolution: null },
    participation: emptyParticipation(),
    feedback: null,
    plan: '',
    goalProgress: [],
    risk: null,
  });
  await services.processNotes.save(note.id, `${marker.toString('utf8')} in the process note.`);
  await services.notes.saveDraft(note.id, draft());
  await services.notes.get(note.id);
  await services.search.search(marker.toString('utf8'), 10);
  await services.index.noteSummaries();
  // The last writes before the lock, as autosave would do them; the process note is returned whole.
  await services.notes.saveDraft(note.id, draft());
  await services.processNotes.save(note.id, `${marker.toString('utf8')} in the process note, again.`);
}

/** Lets pending promise jobs and timers run, then collects garbage, a few times over. */
async function collect(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
  }
}

async function main(): Promise<void> {
  const marker = await readStdin();
  const session = new VaultSession(dir!, () => undefined);
  const services = createServices(session, { searchSliceMs: 0 });
  await session.unlock({ passphrase: passphrase! });
  // The key buffers, to check they are zeroed at lock (format 1's Vault and format 2's SyncedVault
  // both keep them in a TS-private field named keys).
  const holder = session.synced ?? session.vault;
  const keys = Object.values((holder as unknown as { keys: Record<string, Buffer> }).keys);

  await writeAndRead(services, marker);
  await collect();
  const unlocked = writeHeapSnapshot(join(snapshotDir!, 'unlocked.heapsnapshot'));

  await session.lock('user');
  marker.fill(0);
  await collect();
  const locked = writeHeapSnapshot(join(snapshotDir!, 'locked.heapsnapshot'));

  const keysZeroed =
    keys.length > 0 && keys.every((key) => key.length === 32 && key.every((byte) => byte === 0));
  process.stdout.write(`${JSON.stringify({ unlocked, locked, keysZeroed })}\n`);
  // The services stay reachable until here: they are the long-lived objects under test.
  if (!services || !session) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
