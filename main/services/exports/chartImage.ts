import { dirname } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { atomicWriteFile } from '../../vault/atomicWrite';
import { nodeVaultFs } from '../../vault/vaultFs';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The bytes of a chart image the renderer drew: SVG markup as UTF-8, or a PNG sent as base64.
 * Anything that is not what it says it is is refused, so this channel writes chart images only.
 */
export function chartImageBytes(format: 'png' | 'svg', image: string): Buffer {
  if (format === 'svg') {
    if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(image)) {
      throw new AttuneError('invalid-input', 'That is not a chart image. Export the chart again.');
    }
    return Buffer.from(image, 'utf8');
  }
  const bytes = Buffer.from(image, 'base64');
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new AttuneError('invalid-input', 'That is not a chart image. Export the chart again.');
  }
  return bytes;
}

/** Writes an export the user chose the place of, atomically (mode 0600), over a file they agreed to replace. */
export async function writeExportFile(path: string, bytes: Buffer): Promise<void> {
  try {
    await atomicWriteFile(nodeVaultFs, path, bytes, { syncDir: true });
  } catch {
    throw new AttuneError(
      'io',
      `Attune could not write to ${dirname(path)}. Check that the folder exists and is writable, or choose another.`,
    );
  }
}
