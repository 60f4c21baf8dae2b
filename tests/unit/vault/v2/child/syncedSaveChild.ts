/**
 * Run in a child process by killDuringSync.test.ts (bundled first, see ../../child/bundleChild.ts).
 *   DIR PASS DEVICE_HEX NAME PREFIX SEGMENT_BYTES
 * Opens the format-2 vault in DIR as device DEVICE_HEX, prints "ready", then saves records until
 * killed: new records, edits of a few ids both computers share, and resolutions of conflicts,
 * refreshing now and then so it builds on what the other computer saved. For each save it prints
 *   try <kind>/<id> <marker> <markers it was based on, comma-separated, or ->
 * before the save, and
 *   saved <marker>
 * only once put() (or resolveConflict()) has resolved: the commit point. Markers are PREFIX-<n>.
 */
import { SyncedVault } from '../../../../../main/vault/v2/SyncedVault';

const [dir, pass, deviceHex, name, prefix, segmentText] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);
const SHARED = ['r0', 'r1', 'r2', 'r3'];

interface Value {
  marker: string;
  pad: string;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

async function main() {
  const vault = await SyncedVault.open(
    dir!,
    { passphrase: pass! },
    { device: { hex: deviceHex!, name: name! }, heartbeatMs: 0, segmentBytes: Number(segmentText) },
  );
  say('ready');
  let n = 0;
  const next = (): Value => ({
    marker: `${prefix}-${++n}`,
    pad: 'x'.repeat(Math.floor(Math.random() * 2500)),
  });
  for (;;) {
    if (Math.random() < 0.25) await vault.refresh();
    const conflicts = vault.conflicts();
    const roll = Math.random();
    if (roll < 0.15 && conflicts.length > 0) {
      const c = pick(conflicts);
      const basedOn = c.versions.map((v) => (v.value as Value).marker);
      const value = next();
      say(`try ${c.kind}/${c.id} ${value.marker} ${basedOn.join(',')}`);
      await vault.resolveConflict(c.kind, c.id, value);
      say(`saved ${value.marker}`);
      continue;
    }
    // A new record, or a shared one (created here if this computer has not seen it yet).
    const id = roll < 0.45 ? undefined : pick(SHARED);
    if (id !== undefined && conflicts.some((c) => c.kind === 'note' && c.id === id)) continue;
    const existing = id !== undefined && vault.list('note').some((r) => r.id === id);
    const basedOn = existing ? [(await vault.get<Value>('note', id as string)).marker] : [];
    const value = next();
    const recordId = id ?? `${prefix}-${n}`;
    say(`try note/${recordId} ${value.marker} ${basedOn.length > 0 ? basedOn.join(',') : '-'}`);
    await vault.put('note', recordId, value);
    say(`saved ${value.marker}`);
    if (Math.random() < 0.05) await vault.appendAudit('export', { format: 'json' });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
