#!/usr/bin/env node
// pnpm bench [-- --quick]: every figure for llm-files (provider package and facade), the
// openai SDK and plain fetch, side by side in one run, against a loopback server that
// answers like the providers. Variants alternate round by round so drift hits all alike.
// Writes bench/RESULTS.md.
import { spawn, execFileSync } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rm, stat, truncate, writeFile, readdir } from "node:fs/promises";
import { cpus, totalmem, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { VARIANTS } from "./variants.mjs";
import { profileList } from "./profile.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH = resolve(HERE, "..");
const ROOT = resolve(BENCH, "..");
const { values } = parseArgs({ options: { quick: { type: "boolean" }, only: { type: "string" } } });
const Q = values.quick;
const MB = 1024 * 1024;
const CFG = {
  uploadSizes: Q ? [20 * MB] : [100 * MB, 500 * MB],
  uploadRuns: Q ? 1 : 3,
  listCalls: Q ? 300 : 2000,
  listRounds: Q ? 2 : 9,
  retrieveTotal: Q ? 2000 : 10_000,
  retrieveRounds: Q ? 1 : 3,
  importRuns: Q ? 3 : 10,
};
const only = values.only?.split(",");
const want = (k) => !only || only.includes(k);

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (a, digits = 0) => `${median(a).toFixed(digits)} (${Math.min(...a).toFixed(digits)}–${Math.max(...a).toFixed(digits)})`;
const rotate = (arr, k) => arr.map((_, i) => arr[(i + k) % arr.length]);

function runNode(args, { time = false } = {}) {
  return new Promise((resolvePromise, reject) => {
    const cmd = time ? "/usr/bin/time" : process.execPath;
    const full = time ? ["-v", process.execPath, ...args] : args;
    const child = spawn(cmd, full, { cwd: BENCH });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${args.join(" ")} exited ${code}: ${err.slice(-1500)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      resolvePromise({ out, osMaxRssKb: rss ? Number(rss[1]) : undefined });
    });
  });
}

async function startServer() {
  const child = spawn(process.execPath, [join(HERE, "server.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise((r) => child.stdout.once("data", (d) => r(Number(String(d).trim()))));
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

const sections = [];
const targets = [];
const server = await startServer();
const tmp = join(BENCH, ".tmp");
await mkdir(tmp, { recursive: true });
try {
  // 1. Uploads from disk: wall time and the whole process's peak RSS, measured by the OS.
  if (want("upload")) {
    const rows = [];
    for (const size of CFG.uploadSizes) {
      const file = join(tmp, `upload-${size / MB}MB.bin`);
      await writeFile(file, "");
      await truncate(file, size); // sparse: no disk write, same bytes on the wire
      const res = Object.fromEntries(VARIANTS.map((v) => [v, { ms: [], rss: [] }]));
      for (let run = -1; run < CFG.uploadRuns; run++) {
        for (const v of rotate(VARIANTS, run + 1)) {
          const { out, osMaxRssKb } = await runNode(["src/worker.mjs", "upload", v, server.base, file, String(size)], { time: true });
          const r = JSON.parse(out);
          if (run < 0) continue; // warm-up (page cache, JIT of the server)
          res[v].ms.push(r.ms);
          res[v].rss.push((osMaxRssKb ?? r.maxRssKb) / 1024);
        }
      }
      for (const v of VARIANTS) rows.push(`| ${size / MB} MB | ${v} | ${stats(res[v].ms)} | ${stats(res[v].rss)} |`);
      const limit = size <= 100 * MB ? 80 : 100;
      for (const v of VARIANTS.filter((x) => x.startsWith("llm-files"))) {
        const rss = Math.max(...res[v].rss);
        targets.push([`upload ${size / MB} MB peak RSS ≤ ${limit} MB (${v})`, `${rss.toFixed(0)} MB (worst run)`, rss <= limit]);
      }
      await rm(file, { force: true });
      console.log(`upload ${size / MB} MB done`);
    }
    sections.push(
      `### Upload from disk (peak RSS of the whole process, as the OS measures it; ${CFG.uploadRuns} runs after a warm-up)\n\n| file | variant | wall ms median (min–max) | peak RSS MB median (min–max) |\n|---|---|---|---|\n${rows.join("\n")}`,
    );
  }

  // 2. Sequential list calls.
  if (want("list")) {
    const res = Object.fromEntries(VARIANTS.map((v) => [v, []]));
    for (let round = 0; round < CFG.listRounds; round++) {
      for (const v of rotate(VARIANTS, round)) res[v].push(JSON.parse((await runNode(["src/worker.mjs", "list", v, server.base, String(CFG.listCalls)])).out).ms);
    }
    const base = median(res["plain fetch"]);
    for (const v of VARIANTS.filter((x) => x.startsWith("llm-files"))) {
      const ratio = median(res[v]) / base;
      targets.push([`list wall ≤ 1.10 × plain fetch (${v})`, `${ratio.toFixed(3)} ×`, ratio <= 1.1]);
    }
    // The evidence: where the time goes, ours against plain fetch's.
    const ours = await profileList("llm-files (facade)", server.base, CFG.listCalls, BENCH);
    const theirs = await profileList("plain fetch", server.base, CFG.listCalls, BENCH);
    const owners = [...new Set([...ours.keys(), ...theirs.keys()])].sort((a, b) => (ours.get(b) ?? 0) - (ours.get(a) ?? 0));
    const profileTable =
      `\n\nCPU profile of the same ${CFG.listCalls} calls (share of busy samples, idle excluded):\n\n| code | llm-files (facade) | plain fetch |\n|---|---|---|\n` +
      owners.map((o) => `| ${o} | ${(ours.get(o) ?? 0).toFixed(1)} % | ${(theirs.get(o) ?? 0).toFixed(1)} % |`).join("\n");
    sections.push(
      `### ${CFG.listCalls} sequential \`list\` calls (${CFG.listRounds} rounds, after 200 warm-up calls each)\n\n| variant | wall ms median (min–max) | µs per call | × plain fetch |\n|---|---|---|---|\n` +
        VARIANTS.map((v) => `| ${v} | ${stats(res[v])} | ${((median(res[v]) / CFG.listCalls) * 1000).toFixed(0)} | ${(median(res[v]) / base).toFixed(3)} |`).join("\n") +
        profileTable,
    );
    console.log("list done");
  }

  // 3. Concurrent retrieve.
  if (want("retrieve")) {
    const res = Object.fromEntries(VARIANTS.map((v) => [v, []]));
    for (let round = 0; round < CFG.retrieveRounds; round++) {
      for (const v of rotate(VARIANTS, round)) res[v].push(JSON.parse((await runNode(["src/worker.mjs", "retrieve", v, server.base, String(CFG.retrieveTotal), "64"])).out).rps);
    }
    sections.push(
      `### ${CFG.retrieveTotal} \`retrieve\` calls, 64 at a time (${CFG.retrieveRounds} rounds)\n\n| variant | requests/s median (min–max) |\n|---|---|\n` +
        VARIANTS.map((v) => `| ${v} | ${stats(res[v])} |`).join("\n"),
    );
    console.log("retrieve done");
  }

  // 4. Cold import over a bare node start.
  if (want("import")) {
    const imports = { "bare node": "", "@llm-files/moonshot": "@llm-files/moonshot", "@llm-files/unified": "@llm-files/unified", openai: "openai" };
    const res = Object.fromEntries(Object.keys(imports).map((k) => [k, []]));
    for (let run = -1; run < CFG.importRuns; run++) {
      for (const k of rotate(Object.keys(imports), run + 1)) {
        const code = imports[k] ? `await import(${JSON.stringify(imports[k])});` : "";
        const t = performance.now();
        await runNode(["--input-type=module", "-e", code]);
        if (run >= 0) res[k].push(performance.now() - t);
      }
    }
    const bare = median(res["bare node"]);
    const over = (k) => median(res[k]) - bare;
    sections.push(
      `### Cold import (${CFG.importRuns} fresh processes each, alternating)\n\n| import | process wall ms median (min–max) | over bare node, ms |\n|---|---|---|\n` +
        Object.keys(imports).map((k) => `| ${k} | ${stats(res[k])} | ${k === "bare node" ? "—" : over(k).toFixed(1)} |`).join("\n") +
        `\n\n@llm-files/unified costs ${((over("@llm-files/unified") / over("openai")) * 100).toFixed(0)} % of openai's import time (target ≤ 33 %).`,
    );
    const share = over("@llm-files/unified") / over("openai");
    targets.push(["cold import ≤ 1/3 of openai's (@llm-files/unified)", `${(share * 100).toFixed(0)} %`, share <= 1 / 3]);
    console.log("import done");
  }

  // 5. Install footprint and bundle size.
  if (want("size")) {
    const { build } = await import("esbuild");
    const bundle = async (entry) => {
      const r = await build({ stdin: { contents: `export * from ${JSON.stringify(entry)};`, resolveDir: BENCH }, bundle: true, minify: true, format: "esm", platform: "node", write: false, logLevel: "silent" });
      const bytes = r.outputFiles[0].contents;
      return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
    };
    const rows = [];
    for (const entry of ["@llm-files/unified", "@llm-files/moonshot", "@llm-files/minimax", "openai"]) {
      const b = await bundle(entry);
      rows.push(`| ${entry} | ${(b.min / 1024).toFixed(1)} kB | ${(b.gz / 1024).toFixed(1)} kB |`);
      if (entry === "@llm-files/unified") targets.push(["facade + providers ≤ 15 kB min+gz (@llm-files/unified bundles all three)", `${(b.gz / 1024).toFixed(1)} kB`, b.gz <= 15 * 1024]);
    }
    let install = "";
    if (!Q) {
      const dir = join(tmpdir(), `llm-files-footprint-${process.pid}`);
      await rm(dir, { recursive: true, force: true });
      await mkdir(join(dir, "tarballs"), { recursive: true });
      for (const p of ["core", "moonshot", "novita", "minimax", "unified"]) {
        execFileSync("pnpm", ["pack", "--pack-destination", join(dir, "tarballs")], { cwd: join(ROOT, "packages", p), stdio: "ignore" });
      }
      const tarballs = (await readdir(join(dir, "tarballs"))).map((f) => join(dir, "tarballs", f));
      const du = (d) => Number(execFileSync("du", ["-sb", d], { encoding: "utf8" }).split("\t")[0]);
      const consumer = async (name, deps) => {
        const c = join(dir, name);
        await mkdir(c, { recursive: true });
        await writeFile(join(c, "package.json"), JSON.stringify({ name: `consumer-${name}`, private: true }));
        execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", ...deps], { cwd: c, stdio: "ignore" });
        return du(join(c, "node_modules"));
      };
      const ours = await consumer("llm-files", tarballs);
      const theirs = await consumer("openai", ["openai@7.57.0"]);
      install = `\n\nConsumer install (npm, node_modules on disk): @llm-files/unified with its provider packages ${(ours / 1024).toFixed(0)} kB; openai ${(theirs / 1024).toFixed(0)} kB.`;
      await rm(dir, { recursive: true, force: true });
    }
    sections.push(`### Size\n\n| bundle (esbuild, minified, ESM, node) | min | min+gz |\n|---|---|---|\n${rows.join("\n")}${install}`);
    console.log("size done");
  }
} finally {
  server.stop();
  await rm(tmp, { recursive: true, force: true });
}

const versions = JSON.parse(await readFile(join(BENCH, "node_modules/openai/package.json"), "utf8")).version;
const header = `# Benchmarks\n\nGenerated by \`pnpm bench${Q ? " -- --quick" : ""}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus()[0]?.model ?? "cpu"} × ${cpus().length}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, openai ${versions}. Loopback server in its own process answering like the providers; every variant runs in fresh processes, alternating.\n`;
const targetTable = targets.length
  ? `### Targets\n\n| target | measured | met |\n|---|---|---|\n${targets.map(([t, m, ok]) => `| ${t} | ${m} | ${ok ? "yes" : "**missed**"} |`).join("\n")}\n\n`
  : "";
const text = `${header}\n${targetTable}${sections.join("\n\n")}\n`;
if (!Q && !only) await writeFile(join(BENCH, "RESULTS.md"), text);
console.log(`\n${text}`);
