import { z } from 'zod';
import { AttuneError, assertNever, describeIssues } from '../../../shared/errors';
import { u32 } from '../binary';
import { ID_PATTERN, KIND_PATTERN } from '../recordCodec';
import type { FramePayload, LogOp } from './types';

/**
 * A frame's payload (FORMAT.md §5, §7):
 *
 *   payload = u32(M) || meta (M bytes of JSON {at, ops, audit}) || value_1 || value_2 || ...
 *
 * where the values are the puts' UTF-8 JSON texts in op order, each `size` bytes. Decoding
 * checks everything a frame states, so the engine never applies a malformed op.
 */

const META_LENGTH_BYTES = 4;

/**
 * `<deviceId hex>:<seq>:<index>`, in the one spelling opId() writes: no leading zeros in the
 * index either (the brief's pattern allowed "007"), because a parent spelled differently from
 * the op it names would never match it, and its frame would wait forever instead of being
 * reported. Both numbers must be safe integers, as seqs are.
 */
const OP_ID_PATTERN = /^[0-9a-f]{32}:([1-9][0-9]*):(0|[1-9][0-9]*)$/;
const isOpId = (text: string): boolean => {
  const match = OP_ID_PATTERN.exec(text);
  return match !== null && Number.isSafeInteger(Number(match[1])) && Number.isSafeInteger(Number(match[2]));
};

const kindSchema = z.string().regex(KIND_PATTERN);
const idSchema = z.string().regex(ID_PATTERN);
const parentsSchema = z.array(z.string().refine(isOpId, 'This is not an op id.'));

const opSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('put'),
    kind: kindSchema,
    id: idSchema,
    parents: parentsSchema,
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  }),
  z.strictObject({ op: z.literal('delete'), kind: kindSchema, id: idSchema, parents: parentsSchema }),
  z.strictObject({ op: z.literal('device'), name: z.string().min(1).max(100) }),
]);

// Strict: a field this version does not know is not silently dropped (a newer format says so
// in its segment header's version byte instead).
const metaSchema = z.strictObject({
  at: z.iso.datetime({ precision: 3 }),
  ops: z.array(opSchema),
  audit: z.array(z.string()),
});

const damaged = (problem: string): AttuneError =>
  new AttuneError(
    'integrity',
    `A change saved in this vault cannot be read: ${problem}. Check the vault (Settings → Check the vault, or attune verify) to see which file is affected, and restore it from a backup.`,
  );

/** The ops as stored: only their own fields, each put's size taken from its value. */
function storedOps(p: FramePayload): LogOp[] {
  let put = 0;
  const ops = p.ops.map((op): LogOp => {
    switch (op.op) {
      case 'put': {
        const value = p.values[put++];
        return { op: 'put', kind: op.kind, id: op.id, parents: [...op.parents], size: value?.length ?? -1 };
      }
      case 'delete':
        return { op: 'delete', kind: op.kind, id: op.id, parents: [...op.parents] };
      case 'device':
        return { op: 'device', name: op.name };
      default:
        return assertNever(op);
    }
  });
  if (put !== p.values.length) {
    throw new AttuneError(
      'internal',
      `This change could not be saved: it has ${put} new version(s) but ${p.values.length} value(s). Nothing was written; please report this.`,
    );
  }
  return ops;
}

/** `u32(M) || meta || values`; each put's `size` is set from its value. */
export function encodeFramePayload(p: FramePayload): Buffer {
  const meta = { at: p.at, ops: storedOps(p), audit: p.audit };
  // Checked on the way in too: a frame readers would refuse must never be committed.
  const checked = metaSchema.safeParse(meta);
  if (!checked.success) {
    throw new AttuneError(
      'invalid-input',
      `This change cannot be saved: ${describeIssues(checked.error.issues)}`,
    );
  }
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  return Buffer.concat([u32(metaBytes.length), metaBytes, ...p.values]);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The payload's parts; values are views into `payload`. Throws 'integrity' on anything malformed. */
export function decodeFramePayload(payload: Buffer): FramePayload {
  if (payload.length < META_LENGTH_BYTES) throw damaged('it is cut short');
  const metaEnd = META_LENGTH_BYTES + payload.readUInt32BE(0);
  if (metaEnd > payload.length) throw damaged('it is cut short');
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(payload.subarray(META_LENGTH_BYTES, metaEnd)));
  } catch {
    throw damaged('its description is not readable');
  }
  const parsed = metaSchema.safeParse(json);
  if (!parsed.success) throw damaged(`its description is not valid (${describeIssues(parsed.error.issues)})`);
  const { at, ops, audit } = parsed.data;
  const values: Buffer[] = [];
  let offset = metaEnd;
  for (const op of ops) {
    if (op.op !== 'put') continue;
    // Checked one by one, so a huge stated size cannot overflow a running sum.
    if (op.size > payload.length - offset) throw damaged('its values are longer than the change');
    values.push(payload.subarray(offset, offset + op.size));
    offset += op.size;
  }
  if (offset !== payload.length) throw damaged('it holds bytes that belong to no value');
  return { at, ops, audit, values };
}
