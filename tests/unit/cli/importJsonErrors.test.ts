import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../../main/services/exchange/jsonErrorOffset';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault, recordSnapshot } from './cliTestKit';

/** The documented example (docs/interchange-format.md), as the text of a file. */
async function exampleText(): Promise<string> {
  const doc = await readFile(join(__dirname, '../../../docs/interchange-format.md'), 'utf8');
  return /```json\n([\s\S]*?)\n```/.exec(doc)![1]!;
}

/**
 * A file that is not JSON: the refusal says where, by line and column as an editor shows them (it
 * said "at position 3000" at best, and for a wrong word nothing at all: "Unexpected token 'x',
 * …" in a file of megabytes), says a file that stops early may have been cut short, and quotes no
 * text from the file, which is clinical (an outside probe).
 */
describe('import of a file that is not valid JSON', () => {
  it('names the line and column of a wrong word, without quoting the notes around it', async () => {
    const root = await tempDir();
    const vault = await makeVault(join(root, 'v'));
    const before = await recordSnapshot(vault);
    const text = await exampleText();
    // A hand edit that left a word unquoted in the first note's subjective section.
    const broken = text.replace('"subjective": "Reported', '"subjective": Reported');
    const line = broken.slice(0, broken.indexOf('Reported a flat')).split('\n').length;
    const file = join(root, 'broken.json');
    await writeFile(file, broken);
    const result = await cli(['import', vault, file]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `attune: The import file is not valid JSON at line ${line}, column 23 (Unexpected token 'R'), so nothing was imported.`,
    );
    expect(await recordSnapshot(vault)).toEqual(before);
  });

  it('says a file that stops before its JSON ends may have been cut short', async () => {
    const root = await tempDir();
    const vault = await makeVault(join(root, 'v'));
    const text = await exampleText();
    const cut = text.slice(0, text.indexOf('Slowed speech'));
    const file = join(root, 'cut.json');
    await writeFile(file, cut);
    const result = await cli(['import', vault, file]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `attune: The import file is not valid JSON: it ends at line ${cut.split('\n').length} before its JSON does, so it may have been cut short (copied or downloaded only in part). Nothing was imported; export it again, or copy the whole file.`,
    );
    expect(result.err).not.toContain('flat week');

    await writeFile(file, ' \n');
    expect((await cli(['import', vault, file])).err).toBe(
      'attune: The import file is empty, so nothing was imported.',
    );
  });

  it('finds the offset JSON.parse stops at, for every kind of mistake', () => {
    const cases: Array<[string, number]> = [
      ['{"a": x}', 6],
      ['{"a": 1,}', 8],
      ['{"a": "b\n"}', 8],
      ['{"a" 1}', 5],
      ['{"a":1', 6],
      ['{"a": "\\q"}', 8],
      ['{"a": tru}', 9],
      ['{"a": 01}', 7],
      ['{"a": -}', 7],
      ['{"a": 1.}', 8],
      ['{"a": 1e}', 8],
      ['{"a": "\\u12g4"}', 11],
      ['{} x', 3],
      ['[1, 2', 5],
      ['"abc', 4],
      ['', 0],
      ['  ', 2],
      ['{"a": [1, {"b": null, "c": [true, false]}], "d": "\\u00e9\\n"} ', -1],
    ];
    for (const [text, offset] of cases) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect([text, jsonErrorOffset(text)]).toEqual([text, offset]);
      expect(valid).toBe(offset === -1);
    }
  });

  it('agrees with JSON.parse wherever it names a position, over random damage to an export', async () => {
    const text = await exampleText();
    const chars = ' {}[]",:0123456789-+.eEtrufalsn\\x\n\u0000é';
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 2000; round++) {
      let damaged = text;
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const p = random(damaged.length + 1);
        const edit = random(3);
        if (edit === 0) damaged = damaged.slice(0, p) + chars[random(chars.length)] + damaged.slice(p);
        else if (edit === 1) damaged = damaged.slice(0, p) + damaged.slice(p + 1);
        else damaged = damaged.slice(0, p);
      }
      let message: string | null = null;
      try {
        JSON.parse(damaged);
      } catch (error) {
        message = (error as Error).message;
      }
      const offset = jsonErrorOffset(damaged);
      if (message === null) expect(offset).toBe(-1);
      else if (/end of JSON input/.test(message)) expect(offset).toBe(damaged.length);
      else {
        const position = / at position (\d+)/.exec(message)?.[1];
        expect(offset).toEqual(position === undefined ? expect.any(Number) : Number(position));
        expect(offset).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
