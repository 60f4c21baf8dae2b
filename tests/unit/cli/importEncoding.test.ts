/**
 * An import file must be UTF-8: bytes that are not are refused with their offset, never turned
 * into U+FFFD and imported as if the notes had said that.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../main/services/demo/generateDemo';
import { writeDemo } from '../../../main/services/demo/writeDemo';
import { firstInvalidUtf8Offset } from '../../../main/services/exchange/firstInvalidUtf8Offset';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault, recordSnapshot } from './cliTestKit';

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const bytes = (...list: number[]) => Uint8Array.from(list);

describe('firstInvalidUtf8Offset', () => {
  it('finds nothing wrong in well-formed text, a byte-order mark included', () => {
    const text = '\uFEFF{"plan": "Café, 東京, 🙂 — ok"}\n';
    expect(firstInvalidUtf8Offset(new TextEncoder().encode(text))).toBeNull();
    expect(firstInvalidUtf8Offset(bytes())).toBeNull();
    // The largest code point and the ones either side of the surrogate block.
    expect(
      firstInvalidUtf8Offset(bytes(0xf4, 0x8f, 0xbf, 0xbf, 0xed, 0x9f, 0xbf, 0xee, 0x80, 0x80)),
    ).toBeNull();
  });

  it.each([
    ['a lone continuation byte', bytes(0x61, 0x80, 0x62), 1],
    ['Latin-1 "é" before a letter (the lead byte is named)', bytes(0x43, 0x61, 0x66, 0xe9, 0x72), 3],
    ['a sequence cut short by the end of the data', bytes(0x61, 0xe2, 0x82), 1],
    ['an overlong quote mark (C0 A2)', bytes(0x22, 0xc0, 0xa2), 1],
    ['an overlong 3-byte form (E0 80 AF)', bytes(0xe0, 0x80, 0xaf), 0],
    ['an overlong 4-byte form (F0 80 80 AF)', bytes(0x20, 0xf0, 0x80, 0x80, 0xaf), 1],
    ['a UTF-16 surrogate (ED A0 80)', bytes(0x61, 0x62, 0xed, 0xa0, 0x80), 2],
    ['a CESU-8 emoji (two encoded surrogates)', bytes(0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80), 0],
    ['a code point above U+10FFFF (F4 90 80 80)', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a byte that never occurs (F5)', bytes(0x61, 0xf5, 0x80, 0x80, 0x80), 1],
    ['a UTF-16 byte-order mark', bytes(0xff, 0xfe, 0x7b, 0x00), 0],
    ['a bad byte after valid multi-byte text', new Uint8Array([...new TextEncoder().encode('é🙂'), 0xc3]), 6],
  ])('names the first bad byte: %s', (_name, input, offset) => {
    expect(() => strict.decode(input)).toThrow();
    expect(firstInvalidUtf8Offset(input)).toBe(offset);
  });

  it('agrees with the strict decoder, and a lenient decoder puts its first U+FFFD at that offset', () => {
    // Valid text with random bytes spliced in, and plain random bytes.
    const spliced = fc
      .tuple(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.uint8Array({ maxLength: 4 }),
        fc.string({ maxLength: 10 }),
      )
      .map(
        ([a, junk, b]) =>
          new Uint8Array([...new TextEncoder().encode(a), ...junk, ...new TextEncoder().encode(b)]),
      );
    fc.assert(
      fc.property(fc.oneof(spliced, fc.uint8Array({ maxLength: 12 })), (input) => {
        const offset = firstInvalidUtf8Offset(input);
        let valid = true;
        try {
          strict.decode(input);
        } catch {
          valid = false;
        }
        expect(offset === null).toBe(valid);
        if (offset === null) return;
        const before = strict.decode(input.subarray(0, offset));
        expect(lenient.decode(input).indexOf('\uFFFD', before.length)).toBe(before.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('attune import of a file that is not UTF-8', () => {
  async function setUp() {
    const root = await tempDir();
    const source = await makeVault(join(root, 'source'), (v) =>
      writeDemo(v, generateDemo({ clients: 1, sessionsPerClient: 2, seed: 5 })),
    );
    const file = join(root, 'export.json');
    expect((await cli(['export', source, '--out', file])).code).toBe(0);
    const target = await makeVault(join(root, 'target'));
    return { root, file, target, exported: await readFile(file), before: await recordSnapshot(target) };
  }

  it('refuses a bad byte with exit 2, names its offset and line, and leaves the vault unchanged', async () => {
    const { root, target, exported, before } = await setUp();
    // Latin-1 "é" inside the first note's plan, where an editor saving in the wrong encoding puts it.
    const offset = exported.indexOf('"plan": "') + '"plan": "'.length + 2;
    const line = exported.subarray(0, offset).toString('latin1').split('\n').length;
    const broken = Buffer.from(exported);
    broken[offset] = 0xe9;
    const file = join(root, 'latin1.json');
    await writeFile(file, broken);

    const result = await cli(['import', target, file]);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.errLines).toEqual([
      `attune: The import file is not valid UTF-8: the byte at offset ${offset} (line ${line}) is not part of a UTF-8 character, so nothing was imported. Save the file as UTF-8, or export it again with \`attune export\`, and import it again.`,
    ]);
    expect(await recordSnapshot(target)).toEqual(before);
  });

  it.each([
    ['an overlong quote mark', [0xc0, 0xa2]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ])('refuses %s inside a string', async (_name, junk) => {
    const { root, target, exported, before } = await setUp();
    const offset = exported.indexOf('"plan": "') + '"plan": "'.length;
    const file = join(root, 'junk.json');
    await writeFile(
      file,
      Buffer.concat([exported.subarray(0, offset), Buffer.from(junk), exported.subarray(offset)]),
    );

    const result = await cli(['import', target, file]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`the byte at offset ${offset} `);
    expect(await recordSnapshot(target)).toEqual(before);
  });

  it('refuses UTF-16 and says so', async () => {
    const { root, target, exported, before } = await setUp();
    const file = join(root, 'utf16.json');
    await writeFile(
      file,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(exported.toString('utf8'), 'utf16le')]),
    );

    const result = await cli(['import', target, file]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'attune: The import file is UTF-16 text (it starts with a UTF-16 byte-order mark at byte 0), so nothing was imported. Save it as UTF-8 and import it again.',
    );
    expect(await recordSnapshot(target)).toEqual(before);
  });

  it('accepts a UTF-8 byte-order mark and keeps non-ASCII text exactly', async () => {
    const { root, target, exported } = await setUp();
    const file = join(root, 'bom.json');
    // A client's goal: unlike a signed note, it may be edited without breaking a signature.
    const data = JSON.parse(exported.toString('utf8')) as { clients: { goals: string[] }[] };
    data.clients[0]!.goals = ['Café, 東京 and 🙂 stay as written'];
    const text = JSON.stringify(data, null, 2);
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));

    const result = await cli(['import', target, file]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const out = join(root, 'again.json');
    expect((await cli(['export', target, '--out', out])).code).toBe(0);
    const again = JSON.parse(await readFile(out, 'utf8')) as { clients: { goals: string[] }[] };
    expect(again.clients[0]!.goals).toEqual(['Café, 東京 and 🙂 stay as written']);
  });
});
