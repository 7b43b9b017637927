// JSON both ways with int64 ids kept exact: answers write them as bare numbers beyond 2^53
// (as MiniMax sends them), and bodies are read with long integers kept as decimal strings.

/** An int64 kept exact: written as a bare JSON number. */
export class Int64 {
  constructor(readonly digits: string) {}
}

const RAW = "__llm-files-mock-int64:";

export function stringify(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (v instanceof Int64 ? `${RAW}${v.digits}` : v));
  return text.replace(new RegExp(`"${RAW}(-?\\d+)"`, "g"), "$1");
}

/** JSON.parse that keeps long integers (16+ digits) exact, as strings. */
export function parseJson(text: string): unknown {
  return JSON.parse(text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"'));
}
