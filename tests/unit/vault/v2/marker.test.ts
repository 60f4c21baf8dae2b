import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Marker, markerBytes, parseMarker } from '../../../../main/vault/v2/marker';
import { expectKindSync } from '../kit';

const edit = (bytes: Buffer, change: (json: Record<string, unknown>) => void): Buffer => {
  const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  change(json);
  return Buffer.from(JSON.stringify(json));
};

describe('vault marker (attune-vault.json)', () => {
  it('is the spec’s JSON with its checksum, 2-space indented with a final newline, and parses back', () => {
    const vaultId = randomBytes(16);
    const bytes = markerBytes(vaultId);
    const checksum = createHash('sha256')
      .update(Buffer.concat([Buffer.from('attune-vault\0'), Buffer.from([0, 2]), vaultId]))
      .digest('hex');
    expect(bytes.toString('utf8')).toBe(
      `{\n  "format": "attune-vault",\n  "version": 2,\n  "vaultId": "${vaultId.toString('hex')}",\n  "checksum": "${checksum}"\n}\n`,
    );
    expect(parseMarker(bytes)).toEqual<Marker>({ version: 2, vaultId });
  });

  it('tells a format-1 vault apart, so the caller can offer the upgrade', () => {
    const v1 = Buffer.from(
      JSON.stringify({ format: 'attune-vault', version: 1, vaultId: 'ab'.repeat(16), kdf: {} }),
    );
    expect(parseMarker(v1)).toEqual({ version: 1 });
  });

  it('refuses a newer version in words that say to update, and damage as integrity', () => {
    const bytes = markerBytes(randomBytes(16));
    const newer = () => parseMarker(edit(bytes, (j) => (j.version = 3)));
    expectKindSync(newer, 'unsupported-version');
    expect(newer).toThrow('This vault was made by a newer version of Attune; update Attune to open it.');
    expectKindSync(() => parseMarker(Buffer.from('not json')), 'integrity');
    expectKindSync(() => parseMarker(edit(bytes, (j) => (j.format = 'something'))), 'integrity');
    expectKindSync(() => parseMarker(edit(bytes, (j) => (j.version = '2'))), 'integrity');
    expectKindSync(() => parseMarker(edit(bytes, (j) => delete j.checksum)), 'integrity');
    expectKindSync(
      () => parseMarker(edit(bytes, (j) => (j.vaultId = String(j.vaultId).toUpperCase()))),
      'integrity',
    );
  });

  it('any character changed from the vault id to the end of the checksum is caught (property)', () => {
    const vaultId = randomBytes(16);
    const text = markerBytes(vaultId).toString('utf8');
    const start = text.indexOf('"vaultId": "') + 12;
    const end = text.lastIndexOf('"');
    fc.assert(
      fc.property(
        fc.integer({ min: start, max: end - 1 }),
        fc.constantFrom(...'0123456789abcdef'),
        (at, digit) => {
          if (text[at] === digit) return;
          const changed = Buffer.from(text.slice(0, at) + digit + text.slice(at + 1));
          expectKindSync(() => parseMarker(changed), 'integrity');
        },
      ),
    );
  });
});
