// Core is provider-neutral: no file under packages/core/src names a provider, its label or
// package, a provider llm-files does not have, or a string that only one provider's errors
// use; a provider's ways are its profile's data. The terms come from this registry, so the
// check follows the list of providers (it lives here: core may not depend on the providers).
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Profile } from "@llm-files/core";
import { registry } from "../src/index.js";
import { describe, expect, it } from "vitest";
import { errorMarkers, providerTerms, scan } from "./neutral-scan.js";

const PACKAGE = fileURLToPath(new URL("../../core", import.meta.url));
const profiles: Profile[] = Object.values(registry).map((m) => m.profile);

/** Every file under packages/core/src, at any depth, as its path from the package. */
function sources(): { path: string; text: string }[] {
  const src = join(PACKAGE, "src");
  return readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name))
    .sort()
    .map((file) => ({ path: relative(PACKAGE, file), text: readFileSync(file, "utf8") }));
}

describe("core names no provider", () => {
  it("no file under src contains a provider's name, label, package or one provider's error marker", () => {
    const files = sources();
    expect(files.map((f) => f.path)).toContain(join("src", "client.ts"));
    expect(scan(files, providerTerms(profiles))).toEqual([]);
  });

  it("the terms follow the registry: every name, label and package, and each provider's own error strings", () => {
    const terms = providerTerms(profiles);
    for (const p of profiles) expect(terms).toEqual(expect.arrayContaining([p.name, p.label.toLowerCase(), p.package]));
    // Azure OpenAI, Anthropic and Gemini through the registry, the others as providers llm-files does not have.
    expect(terms).toEqual(expect.arrayContaining(["anthropic", "gemini", "azure", "azure openai", "groq", "kimi", "cohere", "bedrock", "deepseek"]));
    // A status object's keys, its request id header, and an error code: each of one provider only.
    expect(errorMarkers(profiles)).toEqual(expect.arrayContaining(["base_resp", "status_msg", "trace-id", "insufficient_quota", "apim-request-id"]));
    // Words several providers share, or plain English ones, are not markers.
    for (const shared of ["error", "message", "code", "type", "detail", "reason", "quota"]) expect(terms).not.toContain(shared);
  });

  it("a profile added to the list brings its own terms", () => {
    const another: Profile = { ...profiles[0]!, name: "zenith", label: "Zenith Labs", package: "@zenith/files", errors: { message: ["fault.fault_text"], requestIdHeaders: ["x-zenith-trace"] } };
    const terms = providerTerms([...profiles, another]);
    expect(terms).toEqual(expect.arrayContaining(["zenith", "zenith labs", "@zenith/files", "fault_text", "x-zenith-trace"]));
    expect(providerTerms(profiles)).not.toContain("fault_text");
  });

  it("the scan names the file and line of each hit, whatever the case", () => {
    const sample = [
      { path: "src/a.ts", text: "// plain\nconst label = 'OpenAI'; // see the Base_Resp object\n" },
      { path: "src/b.ts", text: "headers.get('Trace-Id')\r\nexport const x = 1;" },
      { path: "src/c.ts", text: "an exhausted quota is a balance error\nmessage, code and type\n" },
    ];
    expect(scan(sample, providerTerms(profiles))).toEqual(["src/a.ts:2: openai", "src/a.ts:2: base_resp", "src/b.ts:1: trace-id"]);
  });
});
