/**
 * A reader of the vault format written from FORMAT-v1.md alone, using only node:crypto and
 * hash-wasm (no import from main/vault): it reads the frozen fixture and must find exactly the
 * expected records and audit trail. If FORMAT-v1.md and the code disagree, this fails.
 */
import { createDecipheriv, createHash, createHmac, hkdfSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { argon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';

const FIXTURE = resolve(__dirname, '../../fixtures/vault-v1');
const VAULT = join(FIXTURE, 'vault');
const ascii = (s: string) => Buffer.from(s, 'latin1');
const u8 = (n: number) => Buffer.from([n]);
const u16 = (n: number) => Buffer.from([n >> 8, n & 255]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};
const sp = (s: string) => Buffer.concat([u8(s.length), ascii(s)]);
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();

/** sealed = nonce(12) || ciphertext || tag(16) */
function openSealed(key: Buffer, sealed: Buffer, ad: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  d.setAAD(ad);
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
}

function frames(bytes: Buffer, magic: string, key: Buffer, adPrefix: Buffer) {
  const out: Array<{ seq: number; plaintext: Buffer }> = [];
  let pos = 0;
  while (pos + 12 <= bytes.length) {
    expect(bytes.subarray(pos, pos + 4).toString('latin1')).toBe(magic);
    const length = bytes.readUInt32BE(pos + 4);
    expect(bytes.readUInt32BE(pos + 8)).toBe((length ^ 0xffffffff) >>> 0);
    const body = bytes.subarray(pos + 12, pos + 12 + length);
    const seq = Number(body.readBigUInt64BE(0));
    out.push({
      seq,
      plaintext: openSealed(key, body.subarray(8), Buffer.concat([adPrefix, body.subarray(0, 8)])),
    });
    pos += 12 + length;
  }
  expect(pos).toBe(bytes.length);
  return out;
}

describe('FORMAT-v1.md is enough to read a vault', () => {
  it('reads the fixture with an independent implementation', async () => {
    const passphrase = (await readFile(join(FIXTURE, 'PASSPHRASE.txt'), 'utf8')).split('\n')[0]!;
    const expected = JSON.parse(await readFile(join(FIXTURE, 'expected.json'), 'utf8'));

    // Section 4: header, keys, MAC, checksum.
    const h = JSON.parse(await readFile(join(VAULT, 'attune-vault.json'), 'utf8'));
    expect(h).toMatchObject({ format: 'attune-vault', version: 1, kdf: { algorithm: 'argon2id' } });
    const vaultId = Buffer.from(h.vaultId, 'hex');
    const salt = Buffer.from(h.kdf.salt, 'hex');
    const params = [u32(h.kdf.memoryKiB), u32(h.kdf.iterations), u32(h.kdf.parallelism)];
    const kek = Buffer.from(
      await argon2id({
        password: Buffer.from(passphrase.normalize('NFC'), 'utf8'),
        salt,
        iterations: h.kdf.iterations,
        parallelism: h.kdf.parallelism,
        memorySize: h.kdf.memoryKiB,
        hashLength: 32,
        outputType: 'binary',
      }),
    );
    const slot = h.keys.passphrase;
    const adPass = Buffer.concat([ascii('attune/v1/wrap/passphrase'), u16(1), vaultId, ...params, salt]);
    const vk = openSealed(kek, Buffer.from(slot.nonce + slot.wrapped, 'hex'), adPass);
    const key = (label: string) =>
      Buffer.from(hkdfSync('sha256', vk, vaultId, ascii(`attune/v1/key/${label}`), 32));
    const core = Buffer.concat([
      ascii('attune-vault'),
      u8(0),
      u16(1),
      vaultId,
      ...params,
      salt,
      ...['passphrase', 'recovery'].flatMap((s) => [
        Buffer.from(h.keys[s].nonce, 'hex'),
        Buffer.from(h.keys[s].wrapped, 'hex'),
      ]),
    ]);
    const mac = createHmac('sha256', key('header-mac')).update(core).digest();
    expect(mac.toString('hex')).toBe(h.mac);
    expect(sha256(Buffer.concat([core, mac])).toString('hex')).toBe(h.checksum);

    // Section 7: manifest.
    const m = await readFile(join(VAULT, 'manifest.bin'));
    expect(m.subarray(0, 5)).toEqual(Buffer.concat([ascii('ATMF'), u8(1)]));
    const snapshot = JSON.parse(
      openSealed(
        key('manifest'),
        m.subarray(5),
        Buffer.concat([ascii('attune/v1/manifest'), vaultId]),
      ).toString(),
    );
    type Row = {
      kind: string;
      id: string;
      rev: number;
      hash: string;
      size: number;
      born: number;
      blob?: Buffer;
    };
    const records = new Map<string, Row>();
    for (const [kind, id, rev, hash, size, born] of snapshot.records) {
      records.set(`${kind}/${id}`, { kind, id, rev, hash, size, born });
    }

    // Sections 9 and 10: journal replay and audit chain.
    const audit: string[] = [];
    const auditBin = await readFile(join(VAULT, 'audit.bin'));
    const auditAd = Buffer.concat([ascii('attune/v1/audit'), vaultId]);
    for (const f of frames(auditBin.subarray(0, snapshot.audit.bytes), 'ATAL', key('audit'), auditAd)) {
      audit.push(f.plaintext.toString('utf8'));
    }
    let seq = snapshot.seq;
    const journal = await readFile(join(VAULT, 'journal.bin'));
    const journalAd = Buffer.concat([ascii('attune/v1/journal'), vaultId]);
    for (const f of frames(journal, 'ATJF', key('journal'), journalAd)) {
      if (f.seq <= snapshot.seq) continue;
      expect(f.seq).toBe(seq + 1);
      seq = f.seq;
      const metaLength = f.plaintext.readUInt32BE(0);
      const meta = JSON.parse(f.plaintext.subarray(4, 4 + metaLength).toString());
      let at = 4 + metaLength;
      for (const op of meta.ops) {
        if (op.op === 'put') {
          const blob = f.plaintext.subarray(at, at + op.size);
          at += op.size;
          expect(sha256(blob).toString('hex')).toBe(op.hash);
          records.set(`${op.kind}/${op.id}`, { ...op, blob });
        } else {
          records.delete(`${op.kind}/${op.id}`);
        }
      }
      audit.push(...meta.audit);
    }
    let prev = '0'.repeat(64);
    const entries = audit.map((text, i) => {
      const entry = JSON.parse(text);
      expect(entry.seq).toBe(i + 1);
      expect(entry.prev).toBe(prev);
      prev = sha256(text).toString('hex');
      return { seq: entry.seq, type: entry.type, detail: entry.detail };
    });
    expect(entries).toEqual(expected.audit);

    // Section 6: records.
    const out = [];
    for (const r of [...records.values()].sort((a, b) =>
      `${a.kind}/${a.id}`.localeCompare(`${b.kind}/${b.id}`),
    )) {
      const name = createHmac('sha256', key('file-names'))
        .update(Buffer.concat([sp(r.kind), sp(r.id)]))
        .digest();
      const bytes =
        r.blob ?? (await readFile(join(VAULT, 'records', `${name.subarray(0, 16).toString('hex')}.rec`)));
      expect(sha256(bytes).toString('hex')).toBe(r.hash);
      expect(bytes.subarray(0, 5)).toEqual(Buffer.concat([ascii('ATRC'), u8(1)]));
      const ad = Buffer.concat([
        ascii('attune/v1/record'),
        vaultId,
        sp(r.kind),
        sp(r.id),
        u32(r.rev),
        u64(r.born),
      ]);
      out.push({
        kind: r.kind,
        id: r.id,
        rev: r.rev,
        value: JSON.parse(openSealed(key('record'), bytes.subarray(5), ad).toString()),
      });
    }
    expect(out).toEqual(expected.records);
  });
});
