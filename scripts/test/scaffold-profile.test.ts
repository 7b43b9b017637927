// The scaffold reads a profile off a spec (scripts/scaffold/profile.mjs). Read off each of the
// five specs the project ships, it must give what their hand-checked profiles say, wherever
// the spec says it: the operations (paths, methods, where the id goes, the list's items key,
// paging, purpose filter, upload body and envelopes, what a delete answers), the id kind, the
// path prefix, the file object's fields, the purposes, and the states and limit where the spec
// states them. Where a profile knows more than its spec says, the difference is named below.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "@llm-files/testing";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { profileData, statedLimit } from "../scaffold/profile.mjs";
import { enumArrays, literal } from "../scaffold/templates.mjs";
import { PROVIDERS } from "./repo-copy.js";

/** What a profile knows that its spec does not say, by provider: the paths below are dropped from the profile before comparing. */
const BEYOND_THE_SPEC: Record<string, { drop: string[]; why: string }> = {
  openai: { drop: ["operations.list.paging.maxLimit"], why: "limit's maximum (10000) is in the document's words, not its schema" },
  gemini: {
    drop: ["operations.upload", "operations.list.paging.maxSize"],
    why: "the upload's resumable protocol is the package's own code (resumable.ts) and answers the file in `file`; the page size's maximum (100) is in ListFilesRequest's words, not its schema",
  },
  azure: {
    drop: ["env", "states"],
    why: "AZURE_OPENAI_API_KEY and AZURE_OPENAI_ENDPOINT are the names Azure's quickstarts and the openai SDK read; deleting and deleted are failed states by the package's choice (a file being deleted never gets ready)",
  },
};

/** What this test reads of a provider's profile (@llm-files/core's Profile; the scripts do not depend on core). */
interface ProfileLike {
  operations: object;
  ids: string;
  pathPrefix?: string;
  env: object;
  package: string;
  defaultBaseUrl: string;
  file: object;
  purposes: { upload: readonly string[]; list: readonly string[]; delete?: readonly string[] };
  states?: object;
  limits: { maxBytes?: number };
}

/** A JSON copy of `value` without the members at the dotted `paths`. */
const without = <T>(value: T, paths: string[]): T => {
  const copy = JSON.parse(JSON.stringify(value)) as T;
  for (const p of paths) {
    const keys = p.split(".");
    const last = keys.pop()!;
    const parent = keys.reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), copy);
    if (parent && typeof parent === "object") delete (parent as Record<string, unknown>)[last];
  }
  return copy;
};

describe("the scaffold's profile, read off each shipped spec, is the provider's profile", () => {
  for (const name of PROVIDERS) {
    it(name, async () => {
      const doc = parse(readFileSync(join(REPO_ROOT, "specs", name, "openapi.yaml"), "utf8"));
      const data = profileData(name, doc);
      const { profile } = (await import(pathToFileURL(join(REPO_ROOT, "packages", name, "dist/profile.js")).href)) as { profile: ProfileLike };
      const drop = BEYOND_THE_SPEC[name]?.drop ?? [];
      const real = without(profile, drop);
      const read = without(data, drop);
      expect(read.operations).toEqual(JSON.parse(JSON.stringify(real.operations)));
      expect(data.ids).toBe(profile.ids);
      // An empty prefix is left out of the profile (the template writes none).
      expect(data.pathPrefix || undefined).toBe(profile.pathPrefix);
      expect(read.env).toEqual(real.env);
      // Where the key goes and what every request carries, where the spec says it.
      expect(data.auth).toEqual((profile as { auth?: object }).auth);
      expect(data.query).toEqual((profile as { query?: object }).query);
      expect(data.package).toBe(profile.package);
      expect(data.defaultBaseUrl).toBe(profile.defaultBaseUrl);
      // The file fields the spec's file object has are the profile's (a profile may know more).
      expect(profile.file).toMatchObject(data.file);
      // Purposes: the upload's are the spec's enum, the listed ones a subset of what the profile lists.
      expect(data.purposes.upload.values).toEqual([...profile.purposes.upload]);
      expect(profile.purposes.list).toEqual(expect.arrayContaining(data.purposes.list.values));
      if (profile.purposes.delete) expect(data.purposes.delete?.values).toEqual([...profile.purposes.delete]);
      // States only where the spec lists status values, and then the profile's.
      if (read.states) expect(read.states).toEqual(JSON.parse(JSON.stringify(real.states)));
      // A size limit the spec states is the profile's.
      if (data.limit) expect(data.limit.maxBytes).toBe(profile.limits.maxBytes);
      // The sample's purpose is one the upload takes (none where files have no purpose).
      if (profile.purposes.upload.length) expect(profile.purposes.upload).toContain(data.sample.purpose);
      else expect(data.sample.purpose).toBeUndefined();
    });
  }
});

describe("scaffold helpers", () => {
  it("statedLimit reads the upload's limit from its words, not a purpose's", () => {
    expect(statedLimit("The Batch API only supports `.jsonl` files up to 100 MB in size.")).toMatchObject({ maxBytes: 100 * 1024 ** 2, maxLabel: "100 MB" });
    expect(statedLimit("Individual files can be up to 512 MB, and each project can store up to 2.5 TB of files in total.")).toMatchObject({ maxBytes: 512 * 1024 ** 2 });
    expect(statedLimit("voice_clone: audio to clone (at most 20 MB).", ["voice_clone"])).toBeUndefined();
    expect(statedLimit("Upload a file.")).toBeUndefined();
  });
  it("enumArrays names the generated arrays by the type path of their enum", () => {
    const schemaTs = readFileSync(join(REPO_ROOT, "packages/minimax/src/generated/schema.ts"), "utf8");
    const arrays = enumArrays(schemaTs);
    expect(arrays.get(JSON.stringify(["paths", "/v1/files/list", "get", "parameters", "query", "purpose"]))).toBe("pathsV1FilesListGetParametersQueryPurposeValues");
  });
  it("literal writes a value as TypeScript source", () => {
    expect(literal({ a: ["x", 1], "b-c": { d: true } })).toBe('{ a: ["x", 1], "b-c": { d: true } }');
  });
});
