/**
 * A first pass over parsed JSON, before any schema sees it, for what a schema would quietly
 * accept or choke on: `__proto__` keys (zod drops them silently, so an import would not be
 * faithful, and they are the usual prototype-pollution vector) and nesting deep enough to
 * exhaust the stack of a recursive reader. Iterative, so the scan itself cannot overflow.
 */
import { jsonPath } from './importProblems';

/** Deeper than anything the format contains (about 6 levels) by a wide margin. */
export const MAX_JSON_DEPTH = 32;

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number | null;
}

function pathOf(frame: Frame): string {
  const parts: (string | number)[] = [];
  for (let f: Frame | null = frame; f?.key !== null && f !== null; f = f.parent) parts.unshift(f.key);
  return jsonPath(parts);
}

/** Reports each `__proto__` key and each value nested more than MAX_JSON_DEPTH levels deep. */
export function scanJson(data: unknown, report: (path: string, message: string) => void): void {
  const stack: Frame[] = [{ value: data, depth: 0, parent: null, key: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value !== 'object' || value === null) continue;
    if (frame.depth >= MAX_JSON_DEPTH) {
      report(pathOf(frame), `The data is nested more than ${MAX_JSON_DEPTH} levels deep.`);
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], depth: frame.depth + 1, parent: frame, key: i });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      if (key === '__proto__') {
        report(pathOf(frame), 'The key “__proto__” is not allowed.');
        continue;
      }
      stack.push({
        value: (value as Record<string, unknown>)[key],
        depth: frame.depth + 1,
        parent: frame,
        key,
      });
    }
  }
}
