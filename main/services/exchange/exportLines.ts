import type { ExportFile } from './exportFileSchema';

/**
 * The text of an export file in lines of a record or so each: joined with line breaks, plus a
 * final one, they are exactly what `JSON.stringify(file, null, 2)` writes. A whole file can be
 * longer than V8's longest string (about 512 MB, a practice of some 100,000 notes), which
 * JSON.stringify cannot make; no one record comes near it.
 */
export function exportLines(file: ExportFile): string[] {
  // JSON.stringify escapes line breaks inside strings, so every '\n' here starts a line and
  // indenting the lines of a part is indenting the part.
  const indented = (value: unknown, by: string) => JSON.stringify(value, null, 2).replaceAll('\n', `\n${by}`);
  const members = Object.entries(file).filter(([, value]) => value !== undefined);
  const lines = ['{'];
  members.forEach(([key, value], i) => {
    const comma = i < members.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0) {
      lines.push(`  ${JSON.stringify(key)}: [`);
      value.forEach((item, j) => {
        lines.push(`    ${indented(item, '    ')}${j < value.length - 1 ? ',' : ''}`);
      });
      lines.push(`  ]${comma}`);
    } else lines.push(`  ${JSON.stringify(key)}: ${indented(value, '  ')}${comma}`);
  });
  lines.push('}');
  return lines;
}
