#!/usr/bin/env node
// The main job on an embedded default: start @llm-files/mock for every provider in the
// registry (each served from its spec, with its profile's semantics, keeping what is uploaded)
// and walk the facade through upload -> list -> retrieve -> content -> delete for each one,
// printing a short table: what was uploaded comes back byte for byte (a difference fails the
// run). No API key, no network. What each provider uploads is its profile's sample (a purpose
// it accepts, a file name, the content). Prism stays the judge of the mock (its conformance test).
//   --live             the same walk against the real providers whose key variable is set.
//   --provider NAME    only this provider (repeatable); default: every provider in the registry.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createFiles, FilesError } from "@llm-files/unified";
import { PROVIDERS, registry } from "@llm-files/registry";

const { values } = parseArgs({ options: { live: { type: "boolean" }, provider: { type: "string", multiple: true } } });
const unknown = (values.provider ?? []).filter((p) => !PROVIDERS.includes(/** @type {never} */ (p)));
if (unknown.length) {
  console.error(`--provider: ${unknown.join(", ")} not in the registry; use one of ${PROVIDERS.join(", ")}`);
  process.exit(2);
}
/** The providers to walk. */
const chosen = values.provider?.length ? PROVIDERS.filter((p) => values.provider?.includes(p)) : PROVIDERS;

/**
 * @param {import("@llm-files/registry").ProviderName} provider
 * @param {string | undefined} baseUrl a mock's URL (with a stand-in key), or undefined for the real provider
 * @param {string} dir where the sample file is written
 */
async function walk(provider, baseUrl, dir) {
  const { sample, operations } = registry[provider].profile;
  const path = join(dir, sample.filename);
  await writeFile(path, sample.content);
  const files = createFiles({ provider, ...(baseUrl ? { baseUrl, apiKey: "mock-key" } : {}) });
  const row = { provider };
  const t0 = performance.now();
  try {
    const up = await files.upload({ file: path, ...(sample.purpose ? { purpose: sample.purpose } : {}) });
    row.upload = `${up.id} (${up.bytes === null ? "size not given" : `${up.bytes} B`})`;
    const list = await files.list();
    row.list = `${list.length} file(s)`;
    const got = await files.retrieve(up.id);
    row.retrieve = `${got.filename}, ${got.purpose ?? "no purpose"}`;
    // The bytes back where the provider gives them: it has a download, and the file's metadata
    // does not say it has none (Anthropic's uploads; Gemini's have no download at all).
    const downloadable = registry[provider].profile.file.downloadable;
    if (!operations.content) row.content = "none: the provider has no download for uploads";
    else if (downloadable && got.raw[downloadable] === false) {
      const refused = await files.content(got).then(() => undefined, (e) => e);
      if (!FilesError.isInstance(refused) || refused.name !== "UnsupportedError") throw new Error(`${provider}: content of a file that says ${downloadable}: false was not refused`);
      row.content = `refused before any request (${downloadable}: false)`;
    } else {
      const res = await files.content(up.id);
      const body = new Uint8Array(await res.arrayBuffer());
      const sent = new TextEncoder().encode(sample.content);
      const same = body.length === sent.length && body.every((b, i) => b === sent[i]);
      row.content = `${body.length} B, ${same ? "as uploaded" : "NOT as uploaded"}: ${JSON.stringify(new TextDecoder().decode(body.slice(0, 24)))}`;
      if (!same) throw new Error(`${provider}: the content came back different from what was uploaded`);
    }
    // Where the delete takes the file's purpose, pass it (else the facade would look it up).
    const del = await files.delete(up.id, operations.delete?.purpose ? { purpose: sample.purpose } : undefined);
    row.delete = del.deleted ? "deleted" : "?";
  } catch (err) {
    row.error = FilesError.isInstance(err) ? `${err.name}: ${err.message}` : String(err);
  }
  row.ms = Math.round(performance.now() - t0);
  return row;
}

/** Prints the rows as a markdown table, with the columns any row has. @param {Record<string, unknown>[]} rows */
function table(rows) {
  const cols = ["provider", "upload", "list", "retrieve", "content", "delete", "ms", "error"].filter((c) => rows.some((r) => r[c] !== undefined));
  const width = (c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length));
  const line = (cells) => "| " + cols.map((c, i) => String(cells[i] ?? "").padEnd(width(c))).join(" | ") + " |";
  console.log(line(cols));
  console.log("|" + cols.map((c) => "-".repeat(width(c) + 2)).join("|") + "|");
  for (const r of rows) console.log(line(cols.map((c) => r[c])));
}

const dir = await mkdtemp(join(tmpdir(), "llm-files-demo-"));
const rows = [];
const mocks = [];
let failed = false;
try {
  if (values.live) {
    const variable = (p) => registry[p].profile.env.apiKey;
    const keyed = chosen.filter((p) => process.env[variable(p)]);
    if (keyed.length === 0) {
      console.error(`--live: set one or more of ${chosen.map(variable).join(", ")} first.`);
      process.exit(2);
    }
    for (const p of keyed) rows.push(await walk(p, undefined, dir));
  } else {
    // The mock and the facade sit on the same floor of the workspace (neither depends on the
    // other): its build is reached by path (`pnpm demo` builds it first).
    const { startMock } = await import("../../mock/dist/index.js");
    const started = await Promise.all(chosen.map((provider) => startMock(provider)));
    mocks.push(...started);
    console.log(`@llm-files/mock, from each provider's spec and profile: ${chosen.map((p, i) => `${p} ${started[i].url}`).join(", ")}\n`);
    for (const [i, p] of chosen.entries()) rows.push(await walk(p, started[i].url, dir));
  }
  table(rows);
  failed = rows.some((r) => r.error);
} finally {
  await Promise.all(mocks.map((m) => m.stop()));
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
