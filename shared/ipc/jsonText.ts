/**
 * JSON text known to encode a `T`. The index's large parts cross from main as one string each:
 * a string is copied across a process boundary (Electron's structured clone, or the e2e
 * harness's transport) in one piece, where ten thousand objects are walked one field at a time;
 * `JSON.parse` then rebuilds them in the renderer in about 90 ms for 10,000 note summaries.
 */
export type JsonText<T> = string & { readonly __encodes?: T };

export function toJsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>;
}

export function parseJsonText<T>(text: JsonText<T>): T {
  return JSON.parse(text) as T;
}
