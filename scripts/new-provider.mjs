#!/usr/bin/env node
// pnpm new-provider <name> --from <page | dir | url>
// Scaffolds a fourth provider: specs/<name>/ (upstream pages, authored/, overrides.yaml, a
// sources.json entry, the built openapi.yaml), packages/<name> shaped like the others
// (generated types, a thin client, a contract test), so what is left is a facade adapter.
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import { ROOT, buildProvider, serialize } from "./specs/build.mjs";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { from: { type: "string" } } });
const name = positionals[0];
const fail = (msg) => {
  console.error(`new-provider: ${msg}`);
  process.exit(1);
};
if (!name || !/^[a-z][a-z0-9]*$/.test(name)) fail("usage: pnpm new-provider <name (lowercase letters and digits)> --from <page | dir | url>");
if (!values.from) fail("--from is required: a documentation page, a folder of pages, or a page URL");
if (existsSync(join(ROOT, "specs", name)) || existsSync(join(ROOT, "packages", name))) fail(`${name} exists already`);

// 1. The pages.
const pages = [];
if (/^https?:\/\//.test(values.from)) {
  const res = await fetch(values.from);
  if (!res.ok) fail(`${values.from} answered ${res.status}`);
  pages.push({ file: basename(new URL(values.from).pathname) || "page.md", url: values.from, text: await res.text() });
} else if ((await stat(values.from).catch(() => fail(`no such page or folder: ${values.from}`))).isDirectory()) {
  for (const f of (await readdir(values.from)).sort()) pages.push({ file: f, url: `TODO: the URL of ${f}`, text: await readFile(join(values.from, f), "utf8") });
} else {
  pages.push({ file: basename(values.from), url: `TODO: the URL of ${basename(values.from)}`, text: await readFile(values.from, "utf8") });
}

const Name = name[0].toUpperCase() + name.slice(1);
const UP = name.toUpperCase();
const specDir = join(ROOT, "specs", name);
await mkdir(join(specDir, "upstream"), { recursive: true });
await mkdir(join(specDir, "authored"), { recursive: true });
for (const p of pages) await writeFile(join(specDir, "upstream", p.file), p.text);
await writeFile(join(specDir, "authored", ".gitkeep"), "");
await writeFile(
  join(specDir, "overrides.yaml"),
  "# Named corrections applied on top of the upstream pages and authored fragments.\n# Each patch operation must find its target, or the build stops naming the override.\n[]\n",
);
const sourcesFile = join(ROOT, "specs/sources.json");
const sources = JSON.parse(await readFile(sourcesFile, "utf8"));
sources[name] = { pages: pages.map(({ file, url }) => ({ file, url })) };
await writeFile(sourcesFile, JSON.stringify(sources, null, 2) + "\n");

// 2. The spec (fails here, naming the page, if no page holds an OpenAPI fragment).
let doc;
try {
  doc = await buildProvider(name);
} catch (err) {
  fail(`${err.message}\nThe pages are in specs/${name}/upstream/; add fragments under specs/${name}/authored/ and run pnpm specs:build.`);
}
await writeFile(join(specDir, "openapi.yaml"), serialize(name, doc));

// 3. The package, shaped like packages/moonshot.
const pkgDir = join(ROOT, "packages", name);
const template = JSON.parse(await readFile(join(ROOT, "packages/moonshot/package.json"), "utf8"));
await mkdir(join(pkgDir, "src"), { recursive: true });
await mkdir(join(pkgDir, "test"), { recursive: true });
const pkg = { ...template, name: `@llm-files/${name}`, version: "0.0.0", description: `Typed client for the ${Name} Files API, generated from its OpenAPI spec, on openapi-fetch.` };
pkg.scripts = { ...template.scripts, generate: `node ../../scripts/generate.mjs ${name}` };
pkg.repository = { ...template.repository, directory: `packages/${name}` };
pkg.homepage = template.homepage.replace("/packages/moonshot", `/packages/${name}`);
await writeFile(join(pkgDir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
for (const f of ["tsconfig.json", "tsconfig.build.json", "tsconfig.cjs.json", "LICENSE"]) await writeFile(join(pkgDir, f), await readFile(join(ROOT, "packages/moonshot", f), "utf8"));
await writeFile(join(pkgDir, "turbo.json"), (await readFile(join(ROOT, "packages/moonshot/turbo.json"), "utf8")).replaceAll("/moonshot/", `/${name}/`));

const paths = Object.keys(doc.paths);
const filesPath = paths.find((p) => /\/files$/.test(p) && doc.paths[p].get && doc.paths[p].post && paths.includes(`${p}/{file_id}`));
const firstPath = paths.map((p) => p.split("/").filter(Boolean)[0]).find(Boolean);
await writeFile(
  join(pkgDir, "src/protocol.ts"),
  `// How ${Name} speaks. Start from the OpenAI-style error body; adjust readError/classify to what the docs say.
import { type Protocol } from "@llm-files/core";
import { specInfo } from "./generated/spec-info.js";

export const ${name}Protocol: Protocol = {
  provider: "${name}",
  apiKeyEnv: "${UP}_API_KEY",
  baseUrlEnv: "${UP}_BASE_URL",
  defaultBaseUrl: specInfo.servers[0] ?? "https://TODO",
  pathPrefix: "/${firstPath ?? "v1"}",
  readError(_text, json) {
    const e = (json as { error?: Record<string, unknown> } | undefined)?.error ?? (json as Record<string, unknown> | undefined);
    const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
    return e && typeof e === "object" ? { message: str(e.message), type: str(e.type), code: str(e.code) } : {};
  },
};
`,
);
await writeFile(
  join(pkgDir, "src/client.ts"),
  `// A thin client for ${Name}'s Files API: the generated types on openapi-fetch, sent through
// @llm-files/core's transport (typed errors, retries, timeouts, streamed uploads).
import createClient, { type Client } from "openapi-fetch";
import { Transport, ${filesPath ? "openAIStyleFiles, " : ""}redactedClient, type ClientOptions${filesPath ? ", type OpenAIStyleFiles" : ""} } from "@llm-files/core";
import type { paths } from "./generated/schema.js";
import { ${name}Protocol } from "./protocol.js";
${
  filesPath
    ? `
// TODO: narrow these to the generated component types and the spec's purpose enum.
export type ${Name}Files = OpenAIStyleFiles<Record<string, unknown>, { id: string; deleted: boolean }, string>;
`
    : ""
}
export interface ${Name}Client {
  readonly provider: "${name}";
  readonly raw: Client<paths>;
  readonly transport: Transport;${filesPath ? `\n  readonly files: ${Name}Files;` : ""}
}

export function create${Name}Client(options: ClientOptions = {}): ${Name}Client {
  const transport = new Transport(${name}Protocol, options);
  const raw = createClient<paths>(transport.clientOptions());${
    filesPath
      ? `
  const files: ${Name}Files = openAIStyleFiles({ raw, transport, filesPath: "${filesPath}", uploadPurposes: [/* TODO: from the spec */], maxBytes: 100 * 1024 * 1024, maxLabel: "100 MB" });
  return redactedClient("${Name}Client", transport, { provider: "${name}", raw, transport, files });`
      : `
  // TODO: typed files operations (see packages/minimax/src/client.ts for a non-OpenAI-shaped API).
  return redactedClient("${Name}Client", transport, { provider: "${name}", raw, transport });`
  }
}
`,
);
await writeFile(
  join(pkgDir, "src/index.ts"),
  `export { create${Name}Client, type ${Name}Client } from "./client.js";
export { ${name}Protocol } from "./protocol.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations } from "./generated/schema.js";
export * from "@llm-files/core";
`,
);
const ops = [];
for (const [p, item] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(item)) ops.push(`    // ${m.toUpperCase()} ${p}\n    ${JSON.stringify(op.operationId ?? `${m.toUpperCase()} ${p}`)}: { call: (c) => c.raw.${m.toUpperCase()}("${p}" as never, {} as never), check: (r) => expect(r).toBeDefined() },`);
await writeFile(
  join(pkgDir, "test/contract.test.ts"),
  `// Contract test against Prism from specs/${name}/openapi.yaml. TODO: call each operation with
// real parameters and assert the documented body (see packages/moonshot/test/contract.test.ts).
import { describeContract } from "@llm-files/testing";
import { expect } from "vitest";
import { create${Name}Client, FilesError, type ${Name}Client } from "../src/index.js";

describeContract<${Name}Client>({
  provider: "${name}" as never,
  create: (o) => create${Name}Client(o),
  uploadFile: { name: "sample.txt", content: "sample\\n" },
  expectedCases: ${ops.length + Object.values(doc.paths).flatMap((i) => Object.values(i)).reduce((n, op) => n + Object.keys(op.responses ?? {}).filter((s) => /^[45]/.test(s)).length, 0)},
  operations: {
${ops.join("\n")}
  },
  checkError(err, status) {
    expect(FilesError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ provider: "${name}", status });
  },
});
`,
);
const gen = spawnSync(process.execPath, [join(ROOT, "scripts/generate.mjs"), name], { cwd: ROOT, encoding: "utf8" });
if (gen.status !== 0) fail(`generate failed:\n${gen.stdout}${gen.stderr}`);

console.log(`Scaffolded ${name}:
  specs/${name}/            ${pages.length} upstream page(s), authored/, overrides.yaml, openapi.yaml (${ops.length} operations)
  packages/${name}/         @llm-files/${name}: generated types, thin client${filesPath ? ` (OpenAI-style files at ${filesPath})` : ""}, contract test
Next:
  1. set the page URLs in specs/sources.json; add fragments for undocumented operations under specs/${name}/authored/
  2. pnpm install && pnpm --filter @llm-files/${name} test
  3. the facade: add packages/unified/src/adapters/${name}.ts and a ProviderTypes entry in packages/unified/src/types.ts`);
