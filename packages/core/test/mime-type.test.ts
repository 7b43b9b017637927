// The small table of types (mime-type.ts) against mime-db (the `mime` package, a dev dependency
// only): every format the providers document keeps the type the `mime` table gave it before,
// so nothing regresses where a provider reads the part's Content-Type, and no browser bundle
// carries the 40 kB table.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import mime from "mime";
import { REPO_ROOT } from "@llm-files/testing";
import { describe, expect, it } from "vitest";
import { KNOWN_EXTENSIONS, contentTypeFor } from "../src/mime-type.js";

/** Where the table differs from mime-db, on purpose: JSON Lines has no registered type. */
const OWN: Record<string, string> = { jsonl: "application/jsonl" };

/** What the `mime` table answered for a file of that extension (the type sent before this table). */
const before = (ext: string) => OWN[ext] ?? mime.getType(ext) ?? "application/octet-stream";

/** The formats a provider's vendored pages list: every backquoted `.ext` of the lines that say "formats". */
async function documentedFormats(provider: string): Promise<string[]> {
  const dir = join(REPO_ROOT, "specs", provider, "upstream");
  const exts = new Set<string>();
  for (const f of await readdir(dir)) {
    for (const line of (await readFile(join(dir, f), "utf8")).split("\n")) {
      if (!/formats/i.test(line)) continue;
      for (const m of line.matchAll(/`\.([a-z0-9]+)`/g)) exts.add(m[1]!);
      // "supports mp3, m4a, wav formats"
      for (const m of line.matchAll(/supports ([a-z0-9, ]+) formats/gi)) for (const e of m[1]!.split(/[ ,]+/)) if (e) exts.add(e.toLowerCase());
    }
  }
  return [...exts];
}

describe("the type of an uploaded file's part", () => {
  it("every extension of the table has mime-db's type (JSON Lines excepted, named above)", () => {
    for (const ext of KNOWN_EXTENSIONS) expect(contentTypeFor(`a.${ext}`), ext).toBe(before(ext));
  });

  it("every format the providers document is sent with the type the mime table gave it (Moonshot's file-extract list, MiniMax's audio, batch JSON Lines)", async () => {
    const moonshot = await documentedFormats("moonshot");
    const minimax = await documentedFormats("minimax");
    // The pages are read, not a copy of them: the lists are the long ones the providers publish.
    expect(moonshot).toEqual(expect.arrayContaining(["pdf", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "epub", "html", "tsx"]));
    expect(minimax).toEqual(expect.arrayContaining(["mp3", "m4a", "wav"]));
    // OpenAI's file search and code interpreter formats (platform.openai.com/docs/assistants/tools/file-search#supported-files).
    const openai = ["c", "cpp", "cs", "css", "csv", "doc", "docx", "gif", "go", "html", "java", "jpeg", "jpg", "js", "json", "jsonl", "md", "pdf", "php", "pkl", "png", "pptx", "py", "rb", "sh", "tar", "tex", "ts", "txt", "webp", "xlsx", "xml", "zip"];
    const all = new Set([...moonshot, ...minimax, ...openai, "jsonl"]);
    for (const ext of all) {
      expect(contentTypeFor(`file.${ext}`), ext).toBe(before(ext));
      expect(contentTypeFor(`FILE.${ext.toUpperCase()}`), `${ext} in capitals`).toBe(before(ext));
    }
    // Those with a registered type are in the table (the others went as octet-stream before, and still do).
    for (const ext of all) if (mime.getType(ext)) expect(KNOWN_EXTENSIONS, ext).toContain(ext);
  });

  it("no extension, a dotted name, an unknown extension: application/octet-stream", () => {
    expect(contentTypeFor("README")).toBe("application/octet-stream");
    expect(contentTypeFor("archive.tar.gz")).toBe("application/gzip");
    expect(contentTypeFor("data.unknownext")).toBe("application/octet-stream");
    expect(contentTypeFor("constructor")).toBe("application/octet-stream");
    expect(contentTypeFor("x.constructor")).toBe("application/octet-stream");
  });
});
