#!/usr/bin/env node
// The main job on an embedded default: start Prism mocks from the three vendored specs and
// walk the facade through upload -> list -> retrieve -> content -> delete for each
// provider, printing a short table. No API key, no network.
//   --live   the same walk against the real providers whose *_API_KEY is set.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createFiles, PROVIDERS, FilesError } from "@llm-files/unified";

const { values } = parseArgs({ options: { live: { type: "boolean" } } });

// One small real file per provider, of a purpose each provider accepts.
const SAMPLES = {
  moonshot: { name: "hello.txt", purpose: "file-extract", text: "Hello from llm-files.\n" },
  novita: {
    name: "batch.jsonl",
    purpose: "batch",
    text: JSON.stringify({ custom_id: "r1", method: "POST", url: "/v1/chat/completions", body: { model: "meta-llama/llama-3.1-8b-instruct", messages: [{ role: "user", content: "Hi" }] } }) + "\n",
  },
  minimax: { name: "speech.txt", purpose: "t2a_async_input", text: "Hello from llm-files.\n" },
  openai: { name: "hello.txt", purpose: "user_data", text: "Hello from llm-files.\n" },
  mistral: {
    name: "batch.jsonl",
    purpose: "batch",
    text: JSON.stringify({ custom_id: "r1", body: { max_tokens: 16, messages: [{ role: "user", content: "Hi" }] } }) + "\n",
  },
};

async function walk(provider, baseUrl, dir) {
  const sample = SAMPLES[provider];
  const path = join(dir, sample.name);
  await writeFile(path, sample.text);
  const files = createFiles({ provider, ...(baseUrl ? { baseUrl, apiKey: "mock-key" } : {}) });
  const row = { provider };
  const t0 = performance.now();
  try {
    const up = await files.upload({ file: path, purpose: sample.purpose });
    row.upload = `${up.id} (${up.bytes === null ? "size not given" : `${up.bytes} B`})`;
    const list = await files.list();
    row.list = `${list.length} file(s)`;
    const got = await files.retrieve(up.id);
    row.retrieve = `${got.filename}, ${got.purpose}`;
    const res = await files.content(up.id);
    const body = await res.text();
    row.content = `${body.length} chars: ${JSON.stringify(body.slice(0, 24))}`;
    const del = await files.delete(up.id, provider === "minimax" ? { purpose: sample.purpose } : undefined);
    row.delete = del.deleted ? "deleted" : "?";
  } catch (err) {
    row.error = FilesError.isInstance(err) ? `${err.name}: ${err.message}` : String(err);
  }
  row.ms = Math.round(performance.now() - t0);
  return row;
}

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
    const keyed = PROVIDERS.filter((p) => process.env[`${p.toUpperCase()}_API_KEY`]);
    if (keyed.length === 0) {
      console.error("--live: set MOONSHOT_API_KEY, NOVITA_API_KEY and/or MINIMAX_API_KEY first.");
      process.exit(2);
    }
    for (const p of keyed) rows.push(await walk(p, undefined, dir));
  } else {
    const { startPrism } = await import("@llm-files/testing");
    const started = await Promise.all(PROVIDERS.map((provider) => startPrism({ provider, errors: true })));
    mocks.push(...started);
    console.log(`Prism mocks from specs/*/openapi.yaml: ${PROVIDERS.map((p, i) => `${p} ${started[i].url}`).join(", ")}\n`);
    for (const [i, p] of PROVIDERS.entries()) rows.push(await walk(p, started[i].url, dir));
  }
  table(rows);
  failed = rows.some((r) => r.error);
} finally {
  await Promise.all(mocks.map((m) => m.stop()));
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
