import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey } from '../../../main/vault/recoveryKey';
import { expectKindSync } from './kit';

describe('recovery key', () => {
  it('formats 32 bytes as 14 groups of 4 and parses back, forgiving case, spaces, dashes and look-alikes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (raw) => {
        const key = Buffer.from(raw);
        const text = formatRecoveryKey(key);
        expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
        expect(parseRecoveryKey(text)).toEqual(key);
        expect(parseRecoveryKey(` ${text.toLowerCase().replace(/-/g, '  ')} `)).toEqual(key);
        expect(parseRecoveryKey(text.replace(/0/g, 'O').replace(/1/g, 'l'))).toEqual(key);
      }),
    );
  });

  it('catches a typo, a missing group and letters outside the alphabet', () => {
    const text = formatRecoveryKey(generateRecoveryKey());
    const typo = text.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expectKindSync(() => parseRecoveryKey(typo), 'invalid-input');
    expectKindSync(() => parseRecoveryKey(text.slice(5)), 'invalid-input');
    expectKindSync(() => parseRecoveryKey(text.replace(/^./, 'U')), 'invalid-input');
    expectKindSync(() => parseRecoveryKey(''), 'invalid-input');
  });
});
