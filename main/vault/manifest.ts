import { AttuneError } from '../../shared/errors';
import { open, seal } from './aead';
import { ascii, u8 } from './binary';

export const MANIFEST_FILE = 'manifest.bin';
const MANIFEST_PREFIX = Buffer.concat([ascii('ATMF'), u8(1)]);

export interface ManifestEntry {
  kind: string;
  id: string;
  rev: number;
  /** SHA-256 (hex) of the record file's bytes at this revision. */
  hash: string;
  /** Length of the record file in bytes. */
  size: number;
  /** Sequence number of the commit that created the record (bound into its associated data). */
  born: number;
}

/** Where the audit chain stood when the snapshot was written. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * A checkpoint of the whole vault: every record's revision and content hash, the commit counter
 * the snapshot includes, and the audit chain head with the length of audit.bin it covers.
 */
export interface ManifestSnapshot {
  seq: number;
  audit: AuditHead;
  auditBytes: number;
  records: ManifestEntry[];
}

const manifestAd = (vaultId: Buffer): Buffer => Buffer.concat([ascii('attune/v1/manifest'), vaultId]);

/** "ATMF" || 0x01 || nonce || AES-256-GCM(UTF-8 JSON) || tag. */
export function encodeManifest(key: Buffer, vaultId: Buffer, snapshot: ManifestSnapshot): Buffer {
  const json = {
    seq: snapshot.seq,
    audit: { seq: snapshot.audit.seq, hash: snapshot.audit.hash, bytes: snapshot.auditBytes },
    records: snapshot.records.map((r) => [r.kind, r.id, r.rev, r.hash, r.size, r.born]),
  };
  return seal(key, Buffer.from(JSON.stringify(json), 'utf8'), manifestAd(vaultId), MANIFEST_PREFIX);
}

export const manifestDamaged = (): AttuneError =>
  new AttuneError(
    'integrity',
    `The vault’s manifest (${MANIFEST_FILE}) is damaged or was altered, so Attune cannot tell which notes are current. Restore the vault from a backup.`,
  );

const isNat = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isHash = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

/** Decrypts and checks a manifest snapshot; throws 'integrity' if it is not authentic. */
export function decodeManifest(key: Buffer, vaultId: Buffer, bytes: Buffer): ManifestSnapshot {
  if (!bytes.subarray(0, MANIFEST_PREFIX.length).equals(MANIFEST_PREFIX)) throw manifestDamaged();
  const plain = open(key, bytes, MANIFEST_PREFIX.length, manifestAd(vaultId));
  if (!plain) throw manifestDamaged();
  // Authenticated, so malformed content means a writer bug; still refuse rather than guess.
  const json = JSON.parse(plain.toString('utf8')) as {
    seq?: unknown;
    audit?: { seq?: unknown; hash?: unknown; bytes?: unknown };
    records?: unknown;
  };
  const audit = json.audit;
  if (!isNat(json.seq) || !audit || !isNat(audit.seq) || !isHash(audit.hash) || !isNat(audit.bytes)) {
    throw manifestDamaged();
  }
  if (!Array.isArray(json.records)) throw manifestDamaged();
  const records: ManifestEntry[] = [];
  for (const row of json.records as unknown[]) {
    if (!Array.isArray(row) || row.length !== 6) throw manifestDamaged();
    const [kind, id, rev, hash, size, born] = row as unknown[];
    if (typeof kind !== 'string' || typeof id !== 'string' || !isNat(rev) || rev < 1 || !isHash(hash)) {
      throw manifestDamaged();
    }
    if (!isNat(size) || !isNat(born) || born < 1) throw manifestDamaged();
    records.push({ kind, id, rev, hash, size, born });
  }
  return { seq: json.seq, audit: { seq: audit.seq, hash: audit.hash }, auditBytes: audit.bytes, records };
}
