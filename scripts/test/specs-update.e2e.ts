// specs:update end to end on temp copies of the repo with altered upstream pages.
import { REPO_ROOT, startServer } from "@llm-files/testing";
import { existsSync } from "node:fs";
import { readFile, writeFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyRepo, pagesDir, type RepoCopy } from "./repo-copy.js";

const LIST = "000_a003d70114b87c58.txt";
const RETRIEVE = "001_c05e9f2447f5e909.txt";
const UPLOAD = "002_0055645eb4ee3e84.txt";
const MOONSHOT_PAGES = [LIST, RETRIEVE, UPLOAD];
let copy: RepoCopy | undefined;
afterEach(async () => {
  await copy?.cleanup();
  copy = undefined;
});

async function edit(dir: string, file: string, change: (text: string) => string) {
  const path = join(dir, file);
  const before = await readFile(path, "utf8");
  const after = change(before);
  expect(after).not.toBe(before); // the edit must hit something
  await writeFile(path, after);
}

async function changesets(c: RepoCopy) {
  // Only the changesets this run wrote (the checkout may hold others).
  const existing = new Set(await readdir(join(REPO_ROOT, ".changeset")));
  const files = (await readdir(join(c.root, ".changeset"))).filter((f) => f.startsWith("specs-") && !existing.has(f));
  return Promise.all(files.map((f) => c.read(`.changeset/${f}`)));
}

describe("specs:update", () => {
  it("a folder of today's pages (the vendored ones, all providers) is a no-op: nothing changes, no changeset", async () => {
    copy = await copyRepo();
    const before = await copy.snapshot();
    const r = await copy.run(["--from", await pagesDir(copy)]);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toMatch(/moonshot: unchanged/);
    expect(await copy.snapshot()).toEqual(before);
  });

  it("an added enum value yields a minor changeset and new types, the same in a fresh unbuilt clone as in a built one", async () => {
    const addAudio = (t: string) => t.replace(/(                    - batch\n)/, "$1                    - audio\n");
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    await edit(dir, UPLOAD, addAudio);
    const r = await copy.run(["--from", dir, "--provider", "moonshot"]);
    expect(r.status, r.output).toBe(0);
    const [cs, ...rest] = await changesets(copy);
    expect(rest).toEqual([]);
    expect(cs).toMatch(/^---\n"@llm-files\/moonshot": minor\n---/);
    expect(cs).toContain("moonshot: POST /v1/files requestBody purpose: accepts `audio`");
    expect(await copy.read("packages/moonshot/src/generated/schema.ts")).toMatch(/purpose: "file-extract" \| "image" \| "video" \| "batch" \| "audio"/);
    expect(await copy.read(`specs/moonshot/upstream/${UPLOAD}`)).toContain("- audio");
    // A fresh clone after bootstrap.sh, no build (core has no dist/): the API report before and
    // after is computed from the same sources, so the run judges the change the same way.
    const report = await copy.read("packages/moonshot/api/public-api.txt");
    await copy.cleanup();
    copy = await copyRepo({ unbuilt: true });
    expect(existsSync(join(copy.root, "packages/core/dist"))).toBe(false);
    const fresh = await pagesDir(copy);
    await edit(fresh, UPLOAD, addAudio);
    const u = await copy.run(["--from", fresh, "--provider", "moonshot"]);
    expect(u.status, u.output).toBe(0);
    expect(await changesets(copy)).toEqual([cs]);
    expect(await copy.read("packages/moonshot/api/public-api.txt")).toBe(report);
  });

  it("a removed property yields a major changeset", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    // The pages embed the same FileObject: the property goes from all of them.
    for (const page of MOONSHOT_PAGES) {
      await edit(dir, page, (t) => t.replace(/        status_details:\n          type: string\n          description: [^\n]*\n/, ""));
    }
    const r = await copy.run(["--from", dir]);
    expect(r.status, r.output).toBe(0);
    const [cs] = await changesets(copy);
    expect(cs).toMatch(/"@llm-files\/moonshot": major/);
    expect(cs).toContain("FileObject.status_details: property removed");
    expect(await copy.read("packages/moonshot/src/generated/schema.ts")).not.toMatch(/status_details\?: string/);
  });

  it("a description edit yields a patch changeset", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    await edit(dir, LIST, (t) => t.replace("description: Lists all files uploaded by the current user.", "description: Lists every file the current user uploaded."));
    const r = await copy.run(["--from", dir]);
    expect(r.status, r.output).toBe(0);
    const [cs] = await changesets(copy);
    expect(cs).toMatch(/"@llm-files\/moonshot": patch/);
    expect(cs).toContain("GET /v1/files: description changed");
  });

  it("a page without its OpenAPI fragment fails, naming it, and changes nothing", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    const before = await copy.snapshot();
    await edit(dir, RETRIEVE, (t) => t.replace(/## OpenAPI[\s\S]*$/, "## OpenAPI\n\nMoved to the new reference.\n"));
    const r = await copy.run(["--from", dir]);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(`${RETRIEVE}: no embedded OpenAPI fragment found`);
    expect(await copy.snapshot()).toEqual(before);
  });

  it("an override whose target vanished upstream fails, naming the override, and changes nothing", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    const before = await copy.snapshot();
    // Upstream fixed its example ids: our correction's target now holds what it would write.
    await edit(dir, "004_6e449891ff98f425.txt", (t) => t.replace("file_id: ${file_id}", "file_id: 307374631411713"));
    const r = await copy.run(["--from", dir]);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/override "minimax-list-example-ids".*obsolete/);
    // A path the overrides patch is gone from the page.
    await edit(dir, "004_6e449891ff98f425.txt", (t) => t.replace("file_id: 307374631411713", "file_id: ${file_id}"));
    await edit(dir, RETRIEVE, (t) => t.replace("/v1/files/{file_id}:", "/v2/files/{file_id}:").replace("GET /v1/files/{file_id}", "GET /v2/files/{file_id}"));
    const r2 = await copy.run(["--from", dir]);
    expect(r2.status).not.toBe(0);
    expect(r2.output).toMatch(/override "moonshot-operation-ids".*no \/paths\/~1v1~1files~1\{file_id\}\/get/);
    expect(await copy.snapshot()).toEqual(before);
  });

  it("discovers pages from each provider's llms.txt, fetches them over HTTP, and a listed page that 404s fails naming its URL", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    const sources = JSON.parse(await copy.read("specs/sources.json"));
    const gone = new Set<string>();
    const server = await startServer(async (req, res) => {
      const [, provider, kind, name] = req.url!.split("/");
      if (kind === "llms.txt") {
        const files = Object.keys(sources[provider].pages);
        const links = [...files, ...gone].map((f) => `- [${f}](/${provider}/pages/${f}): a page`);
        res.end(`# ${provider} docs\n\n${links.join("\n")}\n- [Pricing](/${provider}/pricing.md)\n`);
        return;
      }
      try {
        res.end(await readFile(join(dir, name!), "utf8"));
      } catch {
        res.writeHead(404).end("not found");
      }
    });
    try {
      let documents = 0;
      for (const p of Object.keys(sources)) {
        if (p === "$comment") continue;
        for (const [file, page] of Object.entries<any>(sources[p].pages)) page.url = `${server.url}/${p}/pages/${file}`;
        // Rendered pages only (Anthropic): its fragments are authored, nothing is fetched.
        if (sources[p].authored && !Object.keys(sources[p].pages).length) continue;
        if (sources[p].document) {
          // A provider that publishes one OpenAPI document (OpenAI, Mistral, Azure): it is fetched itself.
          sources[p].document = Object.values<any>(sources[p].pages)[0].url;
          documents++;
          continue;
        }
        sources[p].index = `${server.url}/${p}/llms.txt`;
        sources[p].pattern = "/pages/";
      }
      await copy.write("specs/sources.json", JSON.stringify(sources, null, 2));
      const ok = await copy.run([]);
      expect(ok.status, ok.output).toBe(0);
      // 4 indexes + 9 pages (the pricing page does not match the pattern) + one document each.
      expect(documents).toBe(3);
      expect(server.requests.length).toBe(13 + documents);
      expect(ok.output).toMatch(/moonshot: unchanged/);
      expect(ok.output).toMatch(/anthropic: nothing to fetch \(rendered pages only: its fragments are authored\)/);
      gone.add("files-gone.md");
      const before = await copy.snapshot();
      const bad = await copy.run(["--provider", "novita"]);
      expect(bad.status).not.toBe(0);
      expect(bad.output).toContain(`page files-gone.md: ${server.url}/novita/pages/files-gone.md answered 404`);
      expect(await copy.snapshot()).toEqual(before);
    } finally {
      await server.stop();
    }
  });

  it("an added enum value on Novita's MDX page is read from its bullet list", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    await edit(dir, "003_c69eceb56a2d9a53.txt", (t) => t.replace("      * `batch_output` - Output file from batch processing\n", "      * `batch_output` - Output file from batch processing\n      * `fine-tune` - Input file for fine-tuning\n"));
    const r = await copy.run(["--from", dir]);
    expect(r.status, r.output).toBe(0);
    const [cs] = await changesets(copy);
    expect(cs).toMatch(/"@llm-files\/novita": minor/);
    expect(cs).toContain("FileObject.purpose: accepts `fine-tune`");
    expect(await copy.read("packages/novita/src/generated/schema.ts")).toContain('"fine-tune"');
  });
});
