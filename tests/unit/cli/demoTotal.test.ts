import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';
import { cli } from './cliTestKit';

/**
 * `attune demo` with counts each within its limit but too many sessions in all: at the largest
 * the help allows (10,000 clients of 1,000 sessions, ten million notes) it ran for two minutes and
 * died with V8's "heap out of memory" and a native stack (an outside probe). 100,000 (1,000 × 100)
 * took 31 s and 1.5 GB.
 */
describe('attune demo with too many sessions in all', () => {
  it('is refused at once, with the product named, before any passphrase and with no vault', async () => {
    const dir = join(await tempDir(), 'demo');
    const result = await cli(['demo', dir, '--clients', '10000', '--sessions', '11'], {});
    expect(result).toMatchObject({
      code: 2,
      err: 'attune: --clients 10000 × --sessions 11 is 110,000 sessions; the demo makes at most 100,000 in all. Choose fewer clients or sessions.',
    });
    expect(existsSync(dir)).toBe(false);
  });

  it('says so in the help', async () => {
    expect((await cli(['demo', '--help'])).out).toMatch(/at most 100,000 in\s+all/);
  });
});
