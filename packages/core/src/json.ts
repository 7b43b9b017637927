// JSON that keeps integers exact. JSON.parse turns 123456789012345678901 into
// 123456789012345680000; providers with int64 ids send such numbers bare.
// `quoteUnsafeIntegers` rewrites every integer literal outside the safe range into a
// string literal before parsing, so ids survive digit for digit.

const DIGIT_RUN = /\d{16,}/; // 2^53 has 16 digits: anything shorter is safe.

export function quoteUnsafeIntegers(text: string): string {
  if (!DIGIT_RUN.test(text)) return text;
  let out = "";
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip a string literal, honouring escapes.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      if (c === 45) i++;
      while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      const isInteger = i >= n || (text[i] !== "." && text[i] !== "e" && text[i] !== "E");
      if (!isInteger) {
        while (i < n && /[0-9.eE+-]/.test(text[i]!)) i++;
        continue;
      }
      const literal = text.slice(start, i);
      if (!Number.isSafeInteger(Number(literal))) {
        out += text.slice(last, start) + '"' + literal + '"';
        last = i;
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** JSON.parse, but integers beyond 2^53 arrive as exact decimal strings. */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

const INT = /^-?(0|[1-9]\d*)$/;

/** True when `value` is an integer given as a number (safe) or a decimal string. */
export function isIntegerLike(value: unknown): value is number | string {
  if (typeof value === "number") return Number.isSafeInteger(value);
  return typeof value === "string" && INT.test(value);
}

/**
 * JSON.stringify, writing the listed keys' decimal-string values as bare JSON numbers,
 * so an int64 id goes back exactly as it came.
 */
export function stringifyWithIntegers(value: Record<string, unknown>, integerKeys: readonly string[]): string {
  const marks = new Map<string, string>();
  const copy: Record<string, unknown> = { ...value };
  for (const key of integerKeys) {
    const v = copy[key];
    if (typeof v === "string" && INT.test(v)) {
      const mark = `\u0000int:${marks.size}\u0000`;
      marks.set(JSON.stringify(mark), v);
      copy[key] = mark;
    } else if (typeof v === "bigint") {
      copy[key] = undefined;
      const mark = `\u0000int:${marks.size}\u0000`;
      marks.set(JSON.stringify(mark), v.toString());
      copy[key] = mark;
    }
  }
  let text = JSON.stringify(copy);
  for (const [quoted, digits] of marks) text = text.replace(quoted, digits);
  return text;
}
