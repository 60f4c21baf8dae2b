import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import { createBackend } from '../../../main/ipc/createBackend';
import { contract, type Method, methods } from '../../../shared/ipc/contract';
import { clientInput, filledDraft, makeVault, PASS, sessionInput } from '../services/serviceKit';

/**
 * The renderer is untrusted (DESIGN.md: every IPC input validated): whatever a compromised page
 * sends, for every method of the contract, main answers with a result, never throws, never hangs,
 * never fails unexpectedly (`internal`: an input the schema let through and a handler did not
 * expect), never pollutes Object.prototype, and loses nothing already in the vault.
 */

/** Values a hostile page could send in any field: odd Unicode, edge numbers, huge or deep data. */
const hostileConstants: readonly unknown[] = [
  '',
  ' ',
  '\u0000',
  '\u202e\u2066evil\u2069',
  '\ud800',
  '𝔄\u0301\u200d👩‍⚕️',
  '../../../etc/passwd',
  'C:\\Windows\\system32',
  '__proto__',
  'constructor',
  'x'.repeat(1_000_001),
  '2025-02-30T25:61:00.000Z',
  '9999-12-31',
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  1e308,
  -1,
  2 ** 53,
  0.5,
  true,
  null,
  undefined,
];

const hostileLeaf = fc.oneof(
  fc.constantFrom(...hostileConstants),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

/** An object with a key named `__proto__` of its own, as JSON.parse (and structured clone) can give. */
const protoKeyed = (inner: unknown): Record<string, unknown> => {
  const keyed = JSON.parse(
    '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}',
  );
  keyed.x = inner;
  return keyed;
};

/** A value nested `depth` levels deep in arrays. */
function deep(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const anyHostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileLeaf },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 3,
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
  },
  { weight: 1, arbitrary: hostileLeaf.map(protoKeyed) },
);

/**
 * Extremes sent to every method as they are and in each field (not through fast-check, which
 * would print them when reporting): a stack-deep nesting, a long array, a bare object.
 */
const extremes = (): unknown[] => [deep(10_000), new Array(200_000).fill('x'), Object.create(null)];

/** The top-level keys of a method's input schema, where it is an object (so fields are reached). */
function keysOf(method: Method): string[] {
  const schema = contract[method].input as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/**
 * Inputs for `method`: wholly random, or of its input's shape with hostile values in its fields
 * (each field kept, dropped or made hostile), which gets past the first checks to the deeper ones.
 */
function inputsFor(method: Method): fc.Arbitrary<unknown> {
  const keys = keysOf(method);
  if (keys.length === 0) return anyHostile;
  const shaped = fc.record(Object.fromEntries(keys.map((k) => [k, anyHostile])), { requiredKeys: [] });
  return fc.oneof(anyHostile, shaped, shaped.map(protoKeyed));
}

/**
 * Methods left out of the random calls, each for a reason: they end the session the rest of the
 * run needs (lock, passphrase and key changes, moving or restoring the vault) and have tests of
 * their own with hostile input (tests/unit/services, tests/unit/vault); here they are called with
 * the wholly wrong shapes only (below), which must be refused before they do anything.
 */
const sessionEnding = new Set<Method>([
  'vault:lock',
  'vault:changePassphrase',
  'vault:rotateKey',
  'vault:recover',
  'backup:restore',
  'vault:repairFromBackup',
  'vaultPlace:move',
  'vaultPlace:removeOldCopy',
  'vaultPlace:useDefault',
  'vaultPlace:openExisting',
  'vaultPlace:chooseAtFirstRun',
  'clientEntry:start',
]);

const RUNS = Number(process.env.ROUTER_FUZZ_RUNS ?? 40);

/** Every path to a value inside `value` (object keys and array indexes), the value itself first. */
function pathsIn(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const paths = [at];
  if (Array.isArray(value)) for (const [i, item] of value.entries()) paths.push(...pathsIn(item, [...at, i]));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths.push(...pathsIn(item, [...at, key]));
  return paths;
}

/** A deep copy of `value` with the value at `path` replaced by `by`. */
function replacedAt(value: unknown, path: ReadonlyArray<string | number>, by: unknown): unknown {
  if (path.length === 0) return by;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  parent[path.at(-1)!] = by;
  return copy;
}

/** Valid inputs whose every field, one at a time, is then made hostile: the deeper checks are reached. */
function validInputs(ids: { clientId: string; sessionId: string; noteId: string; updatedAt: string }) {
  return {
    'clients:create': clientInput('FZ-01'),
    'clients:update': { id: ids.clientId, changes: { displayName: 'Renamed', goals: ['Sleep'] } },
    'sessions:create': sessionInput(ids.clientId, '2025-04-01T09:00:00Z'),
    'sessions:update': { id: ids.sessionId, changes: { durationMinutes: 45 } },
    'notes:saveDraft': { id: ids.noteId, draft: filledDraft(), expectedUpdatedAt: ids.updatedAt },
    'processNotes:save': { noteId: ids.noteId, text: 'Private thought.', expectedUpdatedAt: null },
    'search:notes': { query: 'manager', limit: 15 },
    'settings:update': { autoLockMinutes: 10, clinicianName: 'Dr. Fuzz' },
  } satisfies Partial<Record<Method, unknown>>;
}

describe('the router under hostile input from the renderer', () => {
  it('answers every method with a result, never an unexpected failure, and the vault keeps its records', async () => {
    const { dataDir } = await makeVault();
    const backend = createBackend({ dataDir, emit: () => undefined, version: '0.0.0-test' });
    onTestFinished(() => backend.dispose());
    const call = (method: unknown, input: unknown) => backend.router.call(method, input);
    expect(await call('vault:unlock', { passphrase: PASS })).toMatchObject({ ok: true });
    const created = await call('clients:create', clientInput('KEEP-01'));
    expect(created).toMatchObject({ ok: true });

    const client = created.ok ? (created.value as { id: string }) : { id: '' };
    const session = await call('sessions:create', sessionInput(client.id));
    const sessionId = session.ok ? (session.value as { id: string }).id : '';
    const note = await call('notes:create', { sessionId, templateId: 'soap' });
    expect(note).toMatchObject({ ok: true });
    const noteValue = note.ok ? (note.value as { id: string; updatedAt: string }) : { id: '', updatedAt: '' };

    const unexpected: string[] = [];
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const check = async (method: unknown, input: unknown) => {
      const result = await Promise.race([
        call(method, input),
        new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20_000)),
      ]);
      const shown = (() => {
        try {
          return JSON.stringify(input)?.slice(0, 200);
        } catch {
          return '(an input JSON cannot show: too deep, or a BigInt)';
        }
      })();
      if (result === 'hung') {
        unexpected.push(`${String(method)} did not answer within 20 s: ${shown}`);
        return;
      }
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) {
        expect(typeof result.error.message).toBe('string');
        expect(result.error.message.length).toBeGreaterThan(0);
        if (result.error.kind === 'internal')
          unexpected.push(`${String(method)} failed unexpectedly on ${shown}`);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      // A call that locked the vault (a timeout, say) must not stop the rest from being reached.
      const status = await call('vault:status', undefined);
      if (status.ok && (status.value as { state: string }).state !== 'unlocked')
        expect(await call('vault:unlock', { passphrase: PASS })).toMatchObject({ ok: true });
    };

    for (const method of methods) {
      const keys = keysOf(method);
      for (const extreme of extremes()) {
        await check(method, extreme);
        for (const key of keys) await check(method, { [key]: extreme });
      }
      if (sessionEnding.has(method)) {
        for (const input of [42, 'x', [], null, protoKeyed(1)]) await check(method, input);
        continue;
      }
      await fc.assert(
        fc.asyncProperty(inputsFor(method), async (input) => {
          await check(method, input);
        }),
        { numRuns: RUNS, seed: Number(process.env.ROUTER_FUZZ_SEED ?? 0x5eed) },
      );
    }
    // Valid inputs first (each answered: the baseline is right), then one field at a time hostile.
    const valid = validInputs({
      clientId: client.id,
      sessionId,
      noteId: noteValue.id,
      updatedAt: noteValue.updatedAt,
    });
    for (const [method, input] of Object.entries(valid)) {
      expect(await call(method, input), `${method} with a valid input`).toMatchObject({ ok: true });
      const paths = pathsIn(input);
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: paths.length - 1 }), anyHostile, async (at, hostile) => {
          await check(method, replacedAt(input, paths[at]!, hostile));
        }),
        { numRuns: RUNS * 4, seed: Number(process.env.ROUTER_FUZZ_SEED ?? 0x5eed) },
      );
      // And every field, each of the hostile values in turn (the random ones above may miss one).
      for (const path of paths.slice(1))
        for (const hostile of [...hostileConstants, ...extremes()])
          await check(method, replacedAt(input, path, hostile));
    }
    // Names that are not methods, and prototype names, are refused as such.
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 42, null, 'fs:readFile'])
      expect(await call(name, undefined)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });

    expect(unexpected).toEqual([]);
    const clients = await call('clients:list', undefined);
    expect(clients).toMatchObject({ ok: true });
    if (clients.ok)
      expect((clients.value as Array<{ code: string }>).map((c) => c.code)).toContain('KEEP-01');
    const check2 = await call('vault:check', undefined);
    expect(check2.ok).toBe(true);
  }, 600_000);
});
