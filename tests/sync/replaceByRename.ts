import { mkdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Puts `bytes` at `target` whole, as a sync tool does: written to `temp` (same file system),
 * given the source file's mtime (the tools carry it over), then renamed over the target, so a
 * reader sees the old file or the new one, never a mix.
 */
export function replaceByRename(target: string, bytes: Buffer, mtimeMs: number, temp: string): void {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(temp, bytes);
  utimesSync(temp, mtimeMs / 1000, mtimeMs / 1000);
  renameSync(temp, target);
}
