#!/usr/bin/env node
// pnpm test:runtimes: the packed packages, installed into a fresh project, run the smoke walk
// (smoke.mjs) on every runtime × provider of the registry against one loopback provider
// server; prints the matrix as a markdown table and closes with "N passed, N failed" (cells);
// exits 1 on any failure.
//   --only=node,bun           run these runtimes only (node, bun, deno-all, deno, workerd, chromium)
//   --expect-fail=LIST        cells expected to fail: a runtime (all its providers) or
//                             runtime:provider, comma-separated; also LLM_FILES_RUNTIMES_EXPECT_FAIL.
//                             An expected failure is not counted as failed; a marked cell that
//                             passes is (remove its mark). Temporary: see README "Runtimes".
//   --out=FILE                also write the table (markdown) to FILE
//   --keep                    keep the temp folder (tarballs, project, bundles)
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import bun from "./drivers/bun.mjs";
import chromium from "./drivers/chromium.mjs";
import { denoAll, denoLeast } from "./drivers/deno.mjs";
import node from "./drivers/node.mjs";
import { firstLine } from "./drivers/process.mjs";
import workerd from "./drivers/workerd.mjs";
import { consumerProject } from "./pack.mjs";
import { sample } from "./samples.mjs";
import { startProviderServer } from "./server.mjs";
import { matrix } from "./table.mjs";
import { PROVIDERS, registry } from "@llm-files/registry";

const RUNTIMES = [node, bun, denoAll, denoLeast, workerd, chromium];

const { values } = parseArgs({ options: { only: { type: "string" }, "expect-fail": { type: "string" }, out: { type: "string" }, keep: { type: "boolean" } } });
const list = (s) => (s ?? "").split(",").map((x) => x.trim()).filter(Boolean);
const only = list(values.only);
const runtimes = only.length ? RUNTIMES.filter((r) => only.includes(r.name)) : RUNTIMES;
if (runtimes.length === 0) throw new Error(`--only=${values.only}: no such runtime (${RUNTIMES.map((r) => r.name).join(", ")})`);
const marks = list(values["expect-fail"] ?? process.env.LLM_FILES_RUNTIMES_EXPECT_FAIL);

const seconds = (t0) => ((performance.now() - t0) / 1000).toFixed(1);
const t0 = performance.now();
const dir = await mkdtemp(join(tmpdir(), "llm-files-runtimes-"));
const rows = [];
let server;
let installSeconds;
let packed = [];
try {
  const consumer = await consumerProject(dir);
  const project = consumer.project;
  packed = consumer.packed;
  installSeconds = seconds(t0);
  server = await startProviderServer();
  const paths = {};
  for (const provider of PROVIDERS) {
    const s = sample(registry[provider].profile.sample, "path");
    await mkdir(join(dir, "files", provider), { recursive: true });
    await writeFile((paths[provider] = join(dir, "files", provider, s.filename)), s.text);
  }
  for (const runtime of runtimes) {
    const t = performance.now();
    const key = runtime.name.replace(/\W+/g, "-");
    const cells = PROVIDERS.map((provider) => ({
      provider,
      baseUrl: `${server.url}/${provider}`,
      apiKey: `key-${key}-${provider}`,
      path: runtime.filesystem ? paths[provider] : undefined,
    }));
    // A driver reports failures as results; anything it throws still becomes failed cells.
    const results = await runtime.run({ project, dir }, cells).catch((err) => cells.map(() => ({ ok: false, error: firstLine(err) })));
    rows.push({ runtime, version: await runtime.version(), results, seconds: seconds(t) });
    console.error(`runtimes: ${runtime.name} done in ${seconds(t)} s`);
  }
} finally {
  await server?.close();
  if (!values.keep) await rm(dir, { recursive: true, force: true });
  else console.error(`runtimes: kept ${dir}`);
}

const { table, passed, failed, xfailed } = matrix(rows, PROVIDERS, marks);
console.log(table);
if (values.out) await writeFile(values.out, table + "\n");
console.log(`\npacked ${packed.join(", ")}`);
console.log(`pack + install ${installSeconds} s, whole matrix ${seconds(t0)} s; ${server?.requests() ?? 0} requests to the loopback provider server.`);
if (xfailed) console.log(`${xfailed} cell(s) failed as marked expected to fail (${marks.join(", ")}); not counted below.`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
