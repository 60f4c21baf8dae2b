import { describe, expect, it } from 'vitest';
import {
  MAX_PASSPHRASE_LENGTH,
  MIN_PASSPHRASE_LENGTH,
  passphraseLength,
  passphraseProblem,
} from '../../../shared/domain/passphraseRule';
import { vaultContract } from '../../../shared/ipc/contracts/vaultContract';

const nineEmoji = '🙂'.repeat(9);
const nineDecomposed = `${'e\u0301'.repeat(5)}abcd`;

describe('the new-passphrase rule', () => {
  it('counts code points after NFC normalisation, not UTF-16 units', () => {
    expect(passphraseLength(nineEmoji)).toBe(9);
    expect(nineEmoji.length).toBe(18);
    expect(passphraseLength(nineDecomposed)).toBe(9);
    expect(passphraseLength('correct horse')).toBe(13);
  });

  it('wants at least 10 and at most 1024 characters, and says so in plain words', () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(10);
    expect(passphraseProblem('')).toBe('Enter a passphrase.');
    expect(passphraseProblem('123456789')).toBe(
      'This passphrase is too short: use at least 10 characters. Four or more unrelated words are easy to remember and hard to guess.',
    );
    expect(passphraseProblem(nineEmoji)).toMatch(/too short/);
    expect(passphraseProblem(nineDecomposed)).toMatch(/too short/);
    expect(passphraseProblem('1234567890')).toBeNull();
    expect(passphraseProblem('🙂'.repeat(10))).toBeNull();
    expect(passphraseProblem('a'.repeat(MAX_PASSPHRASE_LENGTH))).toBeNull();
    expect(passphraseProblem('a'.repeat(MAX_PASSPHRASE_LENGTH + 1))).toBe(
      'A passphrase can be at most 1024 characters.',
    );
  });
});

describe('the vault contract applies the same rule', () => {
  const create = vaultContract['vault:create'].input;
  const change = vaultContract['vault:changePassphrase'].input;
  const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
    result.error?.issues[0]?.message;

  it.each(['', 'x', '123456789', nineEmoji, nineDecomposed])(
    'refuses %j with the rule’s message',
    (passphrase) => {
      expect(messageOf(create.safeParse({ passphrase }))).toBe(passphraseProblem(passphrase));
      expect(messageOf(change.safeParse({ current: 'old one', next: passphrase }))).toBe(
        passphraseProblem(passphrase),
      );
    },
  );

  it('accepts what the rule accepts, and any current passphrase (set before the rule)', () => {
    expect(create.safeParse({ passphrase: '🙂'.repeat(10) }).success).toBe(true);
    expect(change.safeParse({ current: 'x', next: '1234567890' }).success).toBe(true);
    expect(vaultContract['vault:unlock'].input.safeParse({ passphrase: 'x' }).success).toBe(true);
  });
});
