// Text from a server (ids, filenames, purposes, error messages and bodies) reaches a terminal
// only through here: control characters (ESC, BEL, CR, backspace, C1 controls such as CSI, and
// the bidi overrides that reorder what a reader sees) are shown as visible \u escapes, so an
// answer can neither move the cursor, retitle the window, ring the bell nor overwrite a line.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function safeText(value: unknown): string {
  return String(value).replace(CONTROL, (c) => (c === "\n" ? "\\n" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

/** Like safeText, but keeps line breaks (for multi-line --debug output). */
export function safeLines(value: string): string {
  return value.split("\n").map(safeText).join("\n");
}

/**
 * JSON for stdout: JSON.stringify escapes C0 controls but leaves DEL, C1 controls (U+009B is a
 * CSI to many terminals) and bidi overrides raw; those become \u escapes too (still valid JSON).
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
