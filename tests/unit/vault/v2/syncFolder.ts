import { cp } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Copies what a sync tool would from one computer's copy of a format-2 vault folder to another's:
 * what changed there, which is never the receiving computer's own device folder (only it writes
 * there), and never locks or temp files (the tool is told to ignore them).
 */
export async function syncFolder(from: string, to: string, receiverHex: string): Promise<void> {
  const own = join(from, 'devices', receiverHex);
  await cp(from, to, {
    recursive: true,
    filter: (src) =>
      !/attune\.lock|\.tmp-[0-9a-f]{8}$/.test(src) && src !== own && !src.startsWith(`${own}/`),
  });
}
