// Runs entries/cli.mjs in a child process per cell and reads its one JSON line. The child
// gets a bare environment (no *_API_KEY or *_BASE_URL of the caller's leaks in), and a
// generous deadline: a hung runtime is a failed cell, not a hung matrix.
import { spawn } from "node:child_process";

const TIMEOUT_MS = 120_000;

/** `{ ok, steps }` or `{ ok: false, error }`: the first line that says what went wrong. */
export function runEntry(command, args, { cwd, env = {} }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH, HOME: cwd, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.once("error", (err) => {
      clearTimeout(timer);
      resolve({ ok: false, error: `could not start ${command}: ${err.message}` });
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split("\n").reverse().find((l) => l.startsWith("{"));
      if (line) {
        try {
          return resolve(JSON.parse(line));
        } catch {
          return resolve({ ok: false, error: `printed an unreadable result: ${line.slice(0, 120)}` });
        }
      }
      const why = stderr.split("\n").map((l) => l.trim()).find((l) => /error|exception|uncaught/i.test(l)) ?? stderr.trim().split("\n")[0];
      resolve({ ok: false, error: signal === "SIGKILL" ? `timed out after ${TIMEOUT_MS / 1000} s` : (why || `exited with ${code ?? signal} and printed no result`).slice(0, 160) });
    });
  });
}

/** One line for the table: an error's name and first line, never a stack. */
export function firstLine(err) {
  const text = err instanceof Error ? (err.name === "Error" ? err.message : `${err.name}: ${err.message}`) : String(err);
  return text.trim().split("\n")[0].slice(0, 160);
}

/** The arguments of entries/cli.mjs for one cell. */
export const cliArgs = (cell) => [cell.provider, cell.baseUrl, cell.apiKey, ...(cell.path ? [cell.path] : [])];

/** A driver that runs the cells one after another, each in its own process. */
export async function eachCell(cells, runOne) {
  const results = [];
  for (const cell of cells) results.push(await runOne(cell));
  return results;
}
