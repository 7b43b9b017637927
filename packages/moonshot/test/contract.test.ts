// Moonshot's contract on Prism: every operation of specs/moonshot/openapi.yaml (read from the
// spec by describeContract) through the client; each answer validated against its documented
// schema, each documented error status a typed error. The checks below add what a caller gets.
import { REPO_ROOT, describeContract, responseChecker } from "@llm-files/testing";
import { join } from "node:path";
import { expect, it } from "vitest";
import { createMoonshotClient, profile, type MoonshotClient } from "../src/index.js";

// What the spec promises, not what its examples happen to say: what the client hands back must
// validate against the documented schema too, so a words- or examples-only upstream change
// cannot fail here.
const schemaCheck = responseChecker(join(REPO_ROOT, "specs/moonshot/openapi.yaml"));
const valid = (method: string, path: string, body: unknown, type = "application/json") => expect(schemaCheck(method, path, 200, type, body)).toEqual([]);
const ID = "clg681objj8g9m7n4je0";

describeContract<MoonshotClient>({
  profile,
  create: (o) => createMoonshotClient(o),
  uploadFile: { name: "notes.txt", content: "Moonshot contract test file.\n" },
  fileId: ID,
  // 5 successes + list 401/500, retrieve 401/404/500, upload 400/401/500, content 401/404/500, delete 401/404/500
  minCases: 19,
  check: {
    list: (r) => {
      expect(Array.isArray(r)).toBe(true);
      valid("get", "/v1/files", { object: "list", data: r });
    },
    retrieve: (r) => valid("get", "/v1/files/{file_id}", r),
    upload: (r) => valid("post", "/v1/files", r),
    content: (r) => {
      expect(typeof r.text).toBe("string");
      valid("get", "/v1/files/{file_id}/content", r.text, r.type);
    },
    delete: (r) => valid("delete", "/v1/files/{file_id}", r),
  },
  extra(get) {
    it("the generated openapi-fetch client works through the same request policy", async () => {
      const { data, response } = await get().documented("get", "/v1/files/{file_id}", (c) => c.raw.GET("/v1/files/{file_id}", { params: { path: { file_id: ID } } }));
      expect(response.status).toBe(200);
      valid("get", "/v1/files/{file_id}", data);
      expect(get().violations).toEqual([]);
    });
  },
});
