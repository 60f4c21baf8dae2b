import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { envelopeFormats, openEnvelope, sealEnvelope } from '../../../../main/services/review/reviewEnvelope';
import { writeCommentsFile } from '../../../../main/services/review/reviewFiles';
import {
  COMMENTS_FORMAT,
  COMMENTS_VERSION,
  type CommentsFile,
} from '../../../../shared/review/commentsSchema';
import { tempDir } from '../../helpers/tempDir';

/** Every write fails with this code (a full disk cannot be made in a test without mounting one). */
const failing = vi.hoisted(() => ({ code: 'ENOSPC' }));
vi.mock('../../../../main/vault/atomicWrite', async (original) => ({
  ...(await original<typeof import('../../../../main/vault/atomicWrite')>()),
  atomicWriteFile: (_fs: unknown, path: string) =>
    Promise.reject(Object.assign(new Error(`${failing.code}: ${path}`), { code: failing.code })),
}));

it('a review file written to a full disk says the disk is full, in the words export uses', async () => {
  const kdf = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
  const sealed = await sealEnvelope(envelopeFormats.packet, Buffer.from('{}'), 'packet passphrase', kdf);
  const { key } = await openEnvelope(sealed.bytes, envelopeFormats.packet, 'packet passphrase', {
    keepKey: true,
  });
  const path = join(await tempDir('attune-review-write-'), 'Client-A.attune-comments');
  const content: CommentsFile = {
    format: COMMENTS_FORMAT,
    version: COMMENTS_VERSION,
    packetId: 'a'.repeat(32),
    reviewer: { name: 'R. Reviewer' },
    exportedAt: '2026-12-05T10:00:00.000Z',
    comments: [],
  };
  await expect(writeCommentsFile(content, key!, path)).rejects.toMatchObject({
    kind: 'io',
    message: `The disk is full: ${path} could not be written. Free some space and try again; nothing was written.`,
  });
  failing.code = 'EACCES';
  await expect(writeCommentsFile(content, key!, path)).rejects.toMatchObject({
    message: expect.stringMatching(/not allowed to write/),
  });
});
