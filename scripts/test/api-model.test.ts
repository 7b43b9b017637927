// The API model (scripts/api/model.mjs) as the reports use it: core's report models classes
// (constructor, statics, instance members), generic functions and types (their type
// parameters) and names its own exports where others refer to them; a report does not depend
// on which other packages share its TypeScript program (union members in a fixed order).
import { join } from "node:path";
import { REPO_ROOT } from "@llm-files/testing";
import { describe, expect, it } from "vitest";
import { apiModels } from "../api/model.mjs";

const dir = (p: string) => join(REPO_ROOT, "packages", p);

describe("the API model", () => {
  it("models core: classes, generic functions and types, its own exports named where referred to", () => {
    const [core] = apiModels([dir("core")]);
    const lines = core!.split("\n");
    for (const line of [
      "FilesError out required class",
      "FilesError.new(0:opts) in required FilesErrorOptions",
      "FilesError.new() out required FilesError",
      "FilesError.isInstance(0:value) in required unknown",
      "FilesError.prototype.provider out required string",
      "FilesError.prototype.status out optional number",
      "createFilesClient<> out required <T extends ProviderTypes, Paths extends {}>",
      "createFilesClient(0:profile) in required Profile",
      "TypesOf<> out required <Paths, P extends Profile, Over extends Partial<ProviderTypes> = {}>",
      "Profile.operations.list out optional ListRoute",
      "ListRoute.paging out optional Paging",
    ]) {
      expect(lines).toContain(line);
    }
    // Private members and the platform's statics (Error.captureStackTrace) are not API.
    expect(core).not.toMatch(/^FilesError\.captureStackTrace /m);
  });

  it("a report is the same built alone or beside the other packages", () => {
    const [alone] = apiModels([dir("moonshot")]);
    const together = apiModels([dir("core"), dir("novita"), dir("moonshot")])[2];
    expect(together).toBe(alone);
  });
});
