// 7. Each provider beyond the OpenAI shape against its own official SDK, on its own routes of
// the bench server: Azure OpenAI (the openai SDK's AzureOpenAI), Anthropic (@anthropic-ai/sdk),
// Gemini (@google/genai). Upload peak RSS at 100 MB, and at 2 GB where the provider takes a file
// that large (Gemini: up to 2 GB, through its resumable protocol; Azure's limit is 512 MB,
// Anthropic's 500 MB); sequential list calls; cold import of each package beside its SDK's.
import { join } from "node:path";
import { runJob, runNode } from "../child.mjs";
import { NOT_BUILT } from "../available.mjs";
import { importable, profileOf } from "../providers.mjs";
import { SDK_PAIRS } from "../variants.mjs";
import { inTurns, median, spread } from "../stats.mjs";
import { uploadRuns } from "../upload-runs.mjs";

const MB = 1024 * 1024;

export async function sdksFigure(ctx) {
  const { bench, base, tmp, cfg, available } = ctx;
  const rows = [];
  const listRows = [];
  const importRows = [];
  const targets = [];
  for (const pair of SDK_PAIRS) {
    const { provider, ours, sdk } = pair;
    const profile = profileOf(provider);
    if (!available.has(profile.package)) {
      rows.push(`| ${profile.label} | | ${ours} | ${NOT_BUILT} | | |`);
      continue;
    }
    const variants = [{ name: ours }, { name: sdk }];
    // 100 MB for each; 2 GB only where the provider takes a file that large.
    const sizes = cfg.sdkUploads.filter(([size]) => size <= (profile.limits.maxBytes ?? Infinity));
    for (const [size, runs] of sizes) {
      const file = join(tmp, `${provider}-${size / MB}MB.bin`);
      const res = await uploadRuns({ bench, base, file, size, runs }, variants);
      for (const v of variants) {
        const r = res[v.name];
        rows.push(`| ${profile.label} | ${size / MB} MB | ${v.name} | ${spread(r.map((x) => x.ms))} | ${spread(r.map((x) => x.rss))} | ${median(r.map((x) => x.buffers)).toFixed(0)} |`);
      }
      const limit = size <= 512 * MB ? 80 : 100;
      const worst = Math.max(...res[ours].map((x) => x.rss));
      targets.push([`${profile.label} upload ${size / MB} MB: peak RSS ≤ ${limit} MB (${ours})`, `${worst.toFixed(0)} MB (worst run); ${sdk} ${Math.max(...res[sdk].map((x) => x.rss)).toFixed(0)} MB`, worst <= limit]);
      console.log(`${provider} upload ${size / MB} MB done`);
    }
    const list = await inTurns(variants, cfg.sdkListRounds, async (v) => {
      const r = await runJob(bench, ["list", v.name, base, String(cfg.listCalls)]);
      if (!(r.items >= 1)) throw new Error(`${v.name}: list returned ${r.items} files`);
      return r.ms;
    });
    const them = median(list[sdk]);
    for (const v of variants) listRows.push(`| ${profile.label} | ${v.name} | ${spread(list[v.name])} | ${((median(list[v.name]) / cfg.listCalls) * 1000).toFixed(0)} | ${(median(list[v.name]) / them).toFixed(3)} |`);
    const ratio = median(list[ours]) / them;
    targets.push([`${profile.label} list wall ≤ 0.75 × ${sdk}'s (${ours})`, `${ratio.toFixed(3)} ×`, ratio <= 0.75]);
    console.log(`${provider} list done`);
  }
  // Cold import: each package beside its SDK (bare node for scale).
  const imports = ["", ...SDK_PAIRS.filter((x) => available.has(profileOf(x.provider).package)).map((x) => profileOf(x.provider).package), ...new Set(SDK_PAIRS.map((x) => x.sdkPackage))];
  const code = (pkg) => (pkg ? `await import(${JSON.stringify(importable(pkg))});` : "");
  const times = await inTurns(
    imports,
    cfg.importRuns,
    async (pkg) => {
      const t = performance.now();
      await runNode(["--input-type=module", "-e", code(pkg)], { cwd: bench });
      return performance.now() - t;
    },
    { warmup: 1, key: (pkg) => pkg },
  );
  const bare = median(times[""]);
  for (const pkg of imports) importRows.push(`| ${pkg || "nothing (bare node)"} | ${spread(times[pkg])} | ${pkg ? (median(times[pkg]) - bare).toFixed(1) : "—"} |`);
  for (const pair of SDK_PAIRS) {
    const ourPkg = profileOf(pair.provider).package;
    if (!times[ourPkg]) continue;
    const share = (median(times[ourPkg]) - bare) / (median(times[pair.sdkPackage]) - bare);
    targets.push([`cold import ≤ 1/3 of ${pair.sdkPackage}'s (${ourPkg})`, `${(share * 100).toFixed(0)} % (${(median(times[ourPkg]) - bare).toFixed(0)} ms vs ${(median(times[pair.sdkPackage]) - bare).toFixed(0)} ms)`, share <= 1 / 3]);
  }
  const body =
    `Each provider's package against its own SDK on its routes of the bench server (its spec's examples, or a file made from its profile where the spec shows none): Azure OpenAI with the openai SDK's \`AzureOpenAI\` (base URL <server>/azure/openai/v1, \`apiVersion: "v1"\`), Anthropic with \`@anthropic-ai/sdk\` (\`beta.files\`, <server>/anthropic), Gemini with \`@google/genai\` (\`httpOptions.baseUrl\` <server>/gemini; the server speaks Google's resumable protocol, as both clients upload with it). ` +
    `Uploads are of a file on disk, as each client's users pass it: llm-files a path, AzureOpenAI and @anthropic-ai/sdk a \`createReadStream\`, @google/genai a path (its Node uploader reads it in 8 MiB chunks). 2 GB runs only where the provider takes a file that large: Gemini (2 GB); Azure OpenAI takes 512 MB, Anthropic 500 MB. ` +
    `Peak RSS of the whole child process; the 2 GB rows are one run each.\n\n` +
    `| provider | file | variant | wall ms median (min–max) | peak RSS MB median (min–max) | external + ArrayBuffers MB at peak |\n|---|---|---|---|---|---|\n${rows.join("\n")}\n\n` +
    `${cfg.listCalls} sequential list calls per run (one page of the provider's list each), ${cfg.sdkListRounds} rounds, each variant in a fresh process (200 warm-up calls first), alternating.\n\n` +
    `| provider | variant | wall ms median (min–max) | µs per call | × its SDK |\n|---|---|---|---|---|\n${listRows.join("\n")}\n\n` +
    `Cold import, fresh processes per row: ${cfg.importRuns}, after one warm-up round, alternating.\n\n` +
    `| import | process wall ms median (min–max) | over bare node, ms |\n|---|---|---|\n${importRows.join("\n")}`;
  console.log("sdks done");
  return { title: "Azure OpenAI, Anthropic and Gemini: llm-files vs each official SDK", body, targets };
}
