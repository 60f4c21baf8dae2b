import { appendFileSync, mkdirSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rng } from './createRng';

/**
 * One random file operation in a device's folder, of the kinds a vault makes, for driving the sync
 * simulator without any vault: create a file, append to it in place, rewrite it by temp file and
 * rename (the temp named `<name>.tmp-<8 hex>` as the vault names it), or delete it. Mostly in the
 * device's own folder (`devices/d<n>/`); with `sharedRate`, in `shared/` that every device writes,
 * which is what provokes the tools' conflicts. Returns what it did, for a log.
 */
export function randomFileActivity(
  rng: Rng,
  folder: string,
  device: number,
  options: { sharedRate?: number } = {},
): string {
  const dir = rng.chance(options.sharedRate ?? 0) ? 'shared' : `devices/d${device}`;
  mkdirSync(join(folder, dir), { recursive: true });
  const existing = readdirSync(join(folder, dir))
    .filter((name) => name.endsWith('.bin'))
    .sort();
  const roll = rng.int(10);
  if (existing.length === 0 || roll < 3) {
    // Logs are numbered on from the highest one left, as a vault names its segments.
    const next = Math.max(0, ...existing.map((n) => Number(/^log-(\d+)\.bin$/.exec(n)?.[1] ?? 0))) + 1;
    const name = dir === 'shared' ? `note-${rng.int(4)}.bin` : `log-${String(next).padStart(6, '0')}.bin`;
    writeFileSync(join(folder, dir, name), rng.bytes(1 + rng.int(200)));
    return `d${device} wrote ${dir}/${name}`;
  }
  const name = rng.pick(existing);
  const path = join(folder, dir, name);
  if (roll < 6) {
    appendFileSync(path, rng.bytes(1 + rng.int(100)));
    return `d${device} appended to ${dir}/${name}`;
  }
  if (roll < 9) {
    const temp = `${path}.tmp-${rng.bytes(4).toString('hex')}`;
    writeFileSync(temp, rng.bytes(1 + rng.int(200)));
    renameSync(temp, path);
    return `d${device} rewrote ${dir}/${name}`;
  }
  unlinkSync(path);
  return `d${device} deleted ${dir}/${name}`;
}
