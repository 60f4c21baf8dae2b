import type { ExportFile } from './exportFileSchema';

/**
 * The text of an export file in lines of a record or so each, made as they are asked for: joined
 * with line breaks, plus a final one, they are exactly what `JSON.stringify(file, null, 2)` writes.
 * A whole file can be longer than V8's longest string (about 512 MB, a practice of some 100,000
 * notes), which JSON.stringify cannot make; no one record comes near it. A writer that takes the
 * lines as they come holds one record's text at a time, not the whole file's.
 */
export function* eachExportLine(file: ExportFile): Generator<string, void, undefined> {
  // JSON.stringify escapes line breaks inside strings, so every '\n' here starts a line and
  // indenting the lines of a part is indenting the part.
  const indented = (value: unknown, by: string) => JSON.stringify(value, null, 2).replaceAll('\n', `\n${by}`);
  const members = Object.entries(file).filter(([, value]) => value !== undefined);
  yield '{';
  for (const [i, [key, value]] of members.entries()) {
    const comma = i < members.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [`;
      for (const [j, item] of value.entries()) {
        yield `    ${indented(item, '    ')}${j < value.length - 1 ? ',' : ''}`;
      }
      yield `  ]${comma}`;
    } else yield `  ${JSON.stringify(key)}: ${indented(value, '  ')}${comma}`;
  }
  yield '}';
}
