import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPlans } from '../../../main/services/demo/demoPlans';
import { DEMO_CLINICIAN, generateDemo } from '../../../main/services/demo/generateDemo';
import { writeDemo } from '../../../main/services/demo/writeDemo';
import type { ExportFile } from '../../../main/services/exchange/exportFileSchema';
import { cli, makeVault, recordSnapshot } from './cliTestKit';

/** A valid export of a small caseload whose codes (F-…) do not clash with the target vault's (C-001). */
function validFile(): ExportFile {
  const data = generateDemo({ clients: 2, sessionsPerClient: 3, seed: 5 });
  data.clients.forEach((c, i) => {
    c.code = `F-00${i + 1}`;
  });
  const noteIds = new Set(data.notes.map((n) => n.id));
  data.processNotes = data.processNotes.filter((p) => noteIds.has(p.noteId ?? ''));
  if (data.processNotes.length === 0) {
    const n = data.notes[0]!;
    data.processNotes.push({
      id: n.id,
      noteId: n.id,
      sessionId: n.sessionId,
      clientId: n.clientId,
      text: 'Hunch.',
      updatedAt: n.updatedAt,
    });
  }
  return {
    format: 'attune-export',
    version: 3,
    exportedAt: '2025-06-30T12:00:00.000Z',
    clients: data.clients,
    sessions: data.sessions,
    notes: data.notes,
    processNotes: data.processNotes,
    measures: [],
    // The demo's plans and safety plans: its notes' goal progress names the plans' goals.
    treatmentPlans: demoPlans(data.clients, data.sessions, DEMO_CLINICIAN),
    diagnoses: [],
    safetyPlans: data.safetyPlans,
    templates: [],
  };
}

type Mutation = (file: ExportFile & Record<string, unknown>) => void;
const text = (file: ExportFile) => JSON.stringify(file, null, 2);

/** Each case: what is wrong, the file's text, and a fragment of the one-line error expected. */
const cases: Array<[string, () => string, string | RegExp]> = [
  ['bad JSON', () => text(validFile()).slice(0, 200), 'not valid JSON'],
  ['a JSON array', () => '[1, 2, 3]', 'one JSON object'],
  [
    'another format',
    () =>
      mutate((f) => {
        (f as Record<string, unknown>).format = 'something-else';
      }),
    'not an Attune export file',
  ],
  [
    'a newer version',
    () =>
      mutate((f) => {
        (f as Record<string, unknown>).version = 4;
      }),
    /newer version of Attune \(format version 4/,
  ],
  [
    'clients not a list',
    () =>
      mutate((f) => {
        f.clients = 'nope' as never;
      }),
    'clients: Clients must be a list',
  ],
  [
    'a note without attunement',
    () =>
      mutate((f) => {
        delete (f.notes[0] as Partial<ExportFile['notes'][0]>).attunement;
      }),
    'notes[0].attunement',
  ],
  [
    'an unknown field',
    () =>
      mutate((f) => {
        (f.sessions[1] as Record<string, unknown>).room = 'B2';
      }),
    'sessions[1]: Unexpected field',
  ],
  [
    'a session of a missing client',
    () =>
      mutate((f) => {
        f.sessions[0]!.clientId = 'nobody';
      }),
    'sessions[0].clientId: No client with id “nobody”',
  ],
  [
    'a note of a missing session',
    () =>
      mutate((f) => {
        f.notes[2]!.sessionId = 'gone';
      }),
    'notes[2].sessionId: No session with id “gone”',
  ],
  [
    'a note whose client is not its session’s',
    () =>
      mutate((f) => {
        f.notes[0]!.clientId = f.clients[1]!.id;
      }),
    'notes[0].clientId',
  ],
  [
    'two notes for one session',
    () =>
      mutate((f) => {
        f.notes[1]!.sessionId = f.notes[0]!.sessionId;
      }),
    'notes[1].sessionId: That session already has a note: notes[0]',
  ],
  [
    'a duplicate id',
    () =>
      mutate((f) => {
        f.clients[1]!.id = f.clients[0]!.id;
      }),
    'clients[1].id: The id',
  ],
  [
    'a code already in the vault',
    () =>
      mutate((f) => {
        f.clients[0]!.code = 'c-001';
      }),
    'clients[0].code: The vault already has a client with code C-001',
  ],
  [
    'a process note of a missing note',
    () =>
      mutate((f) => {
        f.processNotes![0]!.noteId = 'ghost';
      }),
    'processNotes[0]',
  ],
  [
    'a signed note changed after signing',
    () => mutate(alterSigned),
    'signed.contentHash: The signed content was changed',
  ],
  [
    'an id the vault cannot store',
    () =>
      mutate((f) => {
        f.clients[0]!.id = '-leading-dash';
      }),
    'clients[0].id: An id must start with a letter or digit',
  ],
  [
    'a string over the field limit',
    () =>
      mutate((f) => {
        f.notes[0]!.plan = 'x'.repeat(300_000);
      }),
    'notes[0].plan: The plan is too long',
  ],
  [
    'a megabyte-long key',
    () =>
      mutate((f) => {
        (f.clients[0] as Record<string, unknown>)['k'.repeat(1_000_000)] = 1;
      }),
    'clients[0]: Unexpected field',
  ],
  [
    '__proto__ in a client',
    () => text(validFile()).replace('"code":', '"__proto__": {"polluted": true}, "code":'),
    'clients[0]: The key “__proto__” is not allowed',
  ],
  [
    '__proto__ at the top',
    () => text(validFile()).replace('{', '{"__proto__": {"polluted": true},'),
    '(the whole file): The key “__proto__” is not allowed',
  ],
  [
    '__proto__ as a section id',
    () => text(validFile()).replace('"sections": {', '"sections": {"__proto__": "x", '),
    'notes[0].sections: The key “__proto__”',
  ],
  [
    'constructor as a template',
    () =>
      mutate((f) => {
        f.notes[0]!.templateId = 'constructor';
      }),
    'notes[0].templateId: No template with id “constructor”',
  ],
  [
    'deep nesting',
    () => text(validFile()).replace('"goals": [', `"goals": [${'['.repeat(100_000)}${']'.repeat(100_000)},`),
    'clients[0].goals[0]',
  ],
];

function mutate(change: Mutation): string {
  const file = validFile() as ExportFile & Record<string, unknown>;
  change(file);
  return text(file);
}

function alterSigned(file: ExportFile): void {
  const signed = file.notes.find((n) => n.status === 'signed')!;
  signed.plan = `${signed.plan} (quietly edited)`;
}

describe('attune import refuses invalid files and changes nothing', () => {
  let root: string;
  let vault: string;
  let before: Awaited<ReturnType<typeof recordSnapshot>>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'attune-import-'));
    vault = await makeVault(join(root, 'vault'), (v) =>
      writeDemo(v, generateDemo({ clients: 1, sessionsPerClient: 2, seed: 99 })),
    );
    before = await recordSnapshot(vault);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('accepts the unmutated file (so each refusal below is due to its one change)', async () => {
    const other = await makeVault(join(root, 'control'), (v) =>
      writeDemo(v, generateDemo({ clients: 1, sessionsPerClient: 2, seed: 99 })),
    );
    const file = join(root, 'valid.json');
    await writeFile(file, text(validFile()));
    const result = await cli(['import', other, file]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
  });

  it.each(cases)('refuses %s', async (_name, content, expected) => {
    const file = join(root, 'import.json');
    await writeFile(file, content());
    const result = await cli(['import', vault, file]);

    expect(result.code).toBe(2);
    expect(result.errLines).toHaveLength(1);
    const line = result.errLines[0]!;
    expect(line.startsWith('attune: ')).toBe(true);
    expect(line).not.toMatch(/\n\s+at /);
    expect(line.length).toBeLessThan(2000);
    if (typeof expected === 'string') expect(line).toContain(expected);
    else expect(line).toMatch(expected);
    expect(result.out).toBe('');

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await recordSnapshot(vault)).toEqual(before);
  });

  it('refuses a file over 200 MB without reading it', async () => {
    const file = join(root, 'huge.json');
    const handle = await open(file, 'w');
    // One byte over: it said "is 200 MB; Attune imports files of up to 200 MB", and to "export
    // fewer clients at a time", which attune export cannot (an outside probe).
    await handle.truncate(200 * 1024 * 1024 + 1); // sparse: costs no disk
    await handle.close();
    const result = await cli(['import', vault, file]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'attune: The import file is over 200 MB (200.1 MB), more than Attune imports, so nothing was imported. ' +
        'To move a whole vault to another computer, use a backup of it instead (Back up now in the app, or `attune backup`).',
    );
    expect(await recordSnapshot(vault)).toEqual(before);
  });

  it('names the first problems with their paths and counts the rest', async () => {
    const file = join(root, 'many.json');
    // 6 sessions lose their client, and so 6 notes no longer match their session's client.
    await writeFile(
      file,
      mutate((f) =>
        f.sessions.forEach((s) => {
          s.clientId = 'nobody';
        }),
      ),
    );
    const { err } = await cli(['import', vault, file]);
    expect(err).toMatch(
      /^attune: The import file is not valid, so nothing was imported \(12 problems\): sessions\[0\]\.clientId: .*; and 7 more\.$/,
    );
    expect(JSON.parse(await readFile(file, 'utf8')).format).toBe('attune-export');
  });
});
