// 6. Like for like on OpenAI's routes: llm-files' OpenAI provider against the openai SDK,
// same server, same routes (/openai/v1/files, /openai/v1/uploads). Upload peak RSS (100 MB
// through /files; 2 GiB in 64 MiB parts through the Uploads API), and sequential list calls.
// Cold import of @llm-files/openai is in the cold-import figure beside openai's.
import { join } from "node:path";
import { runJob } from "../child.mjs";
import { NOT_BUILT } from "../available.mjs";
import { OPENAI_VARIANTS } from "../variants.mjs";
import { inTurns, median, spread } from "../stats.mjs";
import { uploadRuns } from "../upload-runs.mjs";

const MB = 1024 * 1024;
const OURS = "llm-files (@llm-files/openai)";
const SDK = "openai SDK (OpenAI routes)";

export async function openaiFigure(ctx) {
  const { bench, base, tmp, cfg, available } = ctx;
  const variants = OPENAI_VARIANTS.map((v) => ({ ...v, ok: v.needs.every((n) => available.has(n)) }));
  const ready = variants.filter((v) => v.ok);
  if (!ready.some((v) => v.name === OURS)) {
    return { title: "OpenAI routes: llm-files' OpenAI provider vs the openai SDK", body: `@llm-files/openai: ${NOT_BUILT}.`, targets: [[`upload 2 GiB in parts: peak RSS ≤ 100 MB (${OURS})`, NOT_BUILT, null]] };
  }
  const rows = [];
  const targets = [];
  for (const [size, runs] of cfg.openaiUploads) {
    const file = join(tmp, `openai-${size / MB}MB.jsonl`);
    const res = await uploadRuns({ bench, base, file, size, runs }, ready);
    const how = size <= 512 * MB ? "one POST /files" : "Uploads API, 64 MiB parts";
    for (const v of variants) {
      const r = res[v.name];
      rows.push(r ? `| ${size / MB} MB (${how}) | ${v.name} | ${spread(r.map((x) => x.ms))} | ${spread(r.map((x) => x.rss))} | ${median(r.map((x) => x.buffers)).toFixed(0)} |` : `| ${size / MB} MB | ${v.name} | ${NOT_BUILT} | | |`);
    }
    const limit = size <= 512 * MB ? 80 : 100;
    const worst = Math.max(...res[OURS].map((x) => x.rss));
    targets.push([`OpenAI upload ${size / MB} MB: peak RSS ≤ ${limit} MB (${OURS})`, `${worst.toFixed(0)} MB (worst run)${res[SDK] ? `; openai SDK ${Math.max(...res[SDK].map((x) => x.rss)).toFixed(0)} MB` : ""}`, worst <= limit]);
    console.log(`openai upload ${size / MB} MB done`);
  }
  const list = await inTurns(ready, cfg.openaiListRounds, async (v) => {
    const r = await runJob(bench, ["list", v.name, base, String(cfg.listCalls)]);
    if (!(r.items >= 1)) throw new Error(`${v.name}: list returned ${r.items} files`);
    return r.ms;
  });
  const sdk = list[SDK] ? median(list[SDK]) : NaN;
  const listRows = variants.map((v) => (list[v.name] ? `| ${v.name} | ${spread(list[v.name])} | ${((median(list[v.name]) / cfg.listCalls) * 1000).toFixed(0)} | ${(median(list[v.name]) / sdk).toFixed(3)} | ${spread(list[v.name].map((ms, i) => ms / list[SDK][i]), 3)} |` : `| ${v.name} | ${NOT_BUILT} | | | |`));
  const ratio = median(list[OURS]) / sdk;
  targets.push([`OpenAI list wall ≤ 0.75 × the openai SDK's (${OURS})`, `${ratio.toFixed(3)} ×`, ratio <= 0.75]);
  const body =
    `Both talk to the same OpenAI routes of the bench server (the spec's examples, from specs/openai/openapi.yaml): llm-files with base URL <server>/openai, the openai SDK with <server>/openai/v1. ` +
    `Above 512 MB llm-files' \`files.upload\` goes through the Uploads API by itself (64 MiB parts, 2 at a time); the openai SDK 7.57 has no chunked-upload helper, so its row is the loop a user writes with ` +
    `\`uploads.create\`, \`uploads.parts.create\` (one 64 MiB \`createReadStream(path, { start, end })\` each, one after the other) and \`uploads.complete\`. ` +
    `Peak RSS of the whole child process; the 2 GiB rows are one run each (no warm-up: each takes seconds to minutes on this machine).\n\n` +
    `| file | variant | wall ms median (min–max) | peak RSS MB median (min–max) | external + ArrayBuffers MB at peak |\n|---|---|---|---|---|\n${rows.join("\n")}\n\n` +
    `${cfg.listCalls} sequential \`files.list()\` calls per run, ${cfg.openaiListRounds} rounds, each variant in a fresh process (200 warm-up calls first), alternating.\n\n` +
    `| variant | wall ms median (min–max) | µs per call | × openai SDK | × openai SDK per round |\n|---|---|---|---|---|\n${listRows.join("\n")}`;
  console.log("openai done");
  return { title: "OpenAI routes: llm-files' OpenAI provider vs the openai SDK", body, targets };
}
