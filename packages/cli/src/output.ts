// What a person sees: a table of files, sizes in human units ("-" where files have no purpose).
import { formatBytes, type FileInfo } from "@llm-files/unified";
import { safeText } from "./terminal.js";

/** Sizes in human units, as the core formats them in its messages; "?" where the provider does not say (bytes: null). */
export const humanSize = (bytes: number | null): string => (bytes === null ? "?" : formatBytes(bytes));

/** The STATE column: the state, else the raw status, else "-" (the provider reports none). */
const stateCell = (f: FileInfo): string => f.state ?? (f.status === undefined ? "-" : safeText(f.status));

export function fileTable(files: FileInfo[], o: { state?: boolean } = {}): string {
  if (files.length === 0) return "no files";
  // Every cell came from a server: escaped before it reaches a terminal.
  const rows = files.map((f) => [safeText(f.id), safeText(f.filename), humanSize(f.bytes), f.purpose === undefined ? "-" : safeText(f.purpose), f.createdAt.toISOString().replace("T", " ").slice(0, 16), ...(o.state ? [stateCell(f)] : [])]);
  const head = ["ID", "FILENAME", "SIZE", "PURPOSE", "CREATED", ...(o.state ? ["STATE"] : [])];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(head), ...rows.map(line)].join("\n");
}

/** A FileInfo as JSON: dates as ISO strings, `raw` kept. */
export function fileJson(f: FileInfo): Record<string, unknown> {
  return { ...f, createdAt: f.createdAt.toISOString(), expiresAt: f.expiresAt?.toISOString() };
}
