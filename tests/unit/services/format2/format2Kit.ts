import { expect, test } from 'vitest';
import { openServices } from '../serviceKit';

/** A test that the suite loaded beside it really ran over a format-2 vault, not format 1. */
export function checkRanOverFormat2(): void {
  test('the tests above ran over a format-2 vault (several computers)', async () => {
    const { session } = await openServices();
    expect(session.vault.format).toBe(2);
    expect(session.synced).not.toBeNull();
  });
}
