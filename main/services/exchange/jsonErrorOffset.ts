/**
 * Where JSON.parse stops reading a text that is not JSON. V8 names the offset for some mistakes
 * ("… in JSON at position 3000") and for others only quotes the text around it ("Unexpected token
 * 'x', …"), which in an export is a note's words; this finds the offset for every mistake, so a
 * refused import file can say the line and column to look at. Iterative, like scanJson, so no
 * nesting exhausts the stack.
 */

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set('"\\/bfnrt'.split('').map((c) => c.charCodeAt(0)));
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/**
 * The offset (in UTF-16 code units, as JSON.parse counts) of the first character at which `text`
 * stops being JSON, `text.length` when it ends too early, or -1 when it is valid JSON.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const at = (k: number) => (k < text.length ? text.charCodeAt(k) : -1);
  const skipSpace = () => {
    while (WHITESPACE.has(at(i))) i++;
  };
  /** Reads a string starting at its opening quote; returns false where it goes wrong (at i). */
  const readString = (): boolean => {
    i++;
    for (;;) {
      const c = at(i);
      if (c === -1 || c < 0x20) return false;
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c === 0x5c) {
        const e = at(i + 1);
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) {
            if (!isHex(at(i + k))) {
              i += k;
              return false;
            }
          }
          i += 6;
        } else if (ESCAPES.has(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
  };
  const readNumber = (): boolean => {
    if (at(i) === 0x2d) i++;
    if (at(i) === 0x30) i++;
    else if (isDigit(at(i))) while (isDigit(at(i))) i++;
    else return false;
    if (at(i) === 0x2e) {
      i++;
      if (!isDigit(at(i))) return false;
      while (isDigit(at(i))) i++;
    }
    if (at(i) === 0x65 || at(i) === 0x45) {
      i++;
      if (at(i) === 0x2b || at(i) === 0x2d) i++;
      if (!isDigit(at(i))) return false;
      while (isDigit(at(i))) i++;
    }
    return true;
  };
  const readWord = (word: string): boolean => {
    for (let k = 0; k < word.length; k++, i++) if (at(i) !== word.charCodeAt(k)) return false;
    return true;
  };
  /** Reads one value that is not an object or array. */
  const readScalar = (): boolean => {
    const c = at(i);
    if (c === 0x22) return readString();
    if (c === 0x2d || isDigit(c)) return readNumber();
    if (c === 0x74) return readWord('true');
    if (c === 0x66) return readWord('false');
    if (c === 0x6e) return readWord('null');
    return false;
  };

  /** Reads a member's name and its colon (the space between them too); false where it goes wrong. */
  const readKey = (): boolean => {
    if (at(i) !== 0x22 || !readString()) return false;
    skipSpace();
    if (at(i) !== 0x3a) return false;
    i++;
    return true;
  };

  // What each open object or array expects next is found from the text, so the stack holds only
  // which of the two it is.
  const open: Array<'object' | 'array'> = [];
  let wantValue = true;
  for (;;) {
    skipSpace();
    if (wantValue) {
      const c = at(i);
      if (c === 0x7b) {
        i++;
        skipSpace();
        if (at(i) === 0x7d) {
          i++;
          wantValue = false;
          if (open.length === 0) break;
          continue;
        }
        open.push('object');
        if (!readKey()) return i;
        continue;
      }
      if (c === 0x5b) {
        i++;
        skipSpace();
        if (at(i) === 0x5d) {
          i++;
          wantValue = false;
          if (open.length === 0) break;
          continue;
        }
        open.push('array');
        continue;
      }
      if (!readScalar()) return i;
      wantValue = false;
      if (open.length === 0) break;
      continue;
    }
    // After a value inside an object or array: a comma, or the close of it.
    const inside = open[open.length - 1]!;
    const c = at(i);
    if (c === 0x2c) {
      i++;
      if (inside === 'object') {
        skipSpace();
        if (!readKey()) return i;
      }
      wantValue = true;
      continue;
    }
    if ((inside === 'object' && c === 0x7d) || (inside === 'array' && c === 0x5d)) {
      i++;
      open.pop();
      if (open.length === 0) break;
      continue;
    }
    return i;
  }
  skipSpace();
  return i < text.length ? i : -1;
}
