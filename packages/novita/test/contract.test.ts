// Novita's contract on Prism: every operation of specs/novita/openapi.yaml (read from the spec
// by describeContract) through the client, with each of its 8 documented error statuses; the
// checks below add what a caller gets.
import { REPO_ROOT, describeContract, responseChecker } from "@llm-files/testing";
import { join } from "node:path";
import { expect, it } from "vitest";
import { createNovitaClient, profile, type NovitaClient } from "../src/index.js";

// What the spec promises, not what its examples say: answers must validate against the
// documented schemas, so a words- or examples-only upstream change cannot fail here.
const schemaCheck = responseChecker(join(REPO_ROOT, "specs/novita/openapi.yaml"));
const valid = (method: string, path: string, body: unknown, type = "application/json") => expect(schemaCheck(method, path, 200, type, body)).toEqual([]);
const FILE = { id: "file_8f2c1a" };

describeContract<NovitaClient>({
  profile,
  create: (o) => createNovitaClient(o),
  uploadFile: { name: "batch.jsonl", content: '{"custom_id":"r1","method":"POST","url":"/v1/chat/completions","body":{}}\n' },
  fileId: FILE.id,
  // 5 operations x (1 success + 8 documented error statuses)
  minCases: 45,
  check: {
    list: (r) => {
      expect(Array.isArray(r)).toBe(true);
      for (const f of r) valid("get", "/openai/v1/files/{file_id}", f);
    },
    retrieve: (r) => valid("get", "/openai/v1/files/{file_id}", r),
    upload: (r) => valid("post", "/openai/v1/files", r),
    content: (r: { type: string | null; text: string }) => {
      valid("get", "/openai/v1/files/{file_id}/content", r.text, r.type ?? undefined);
      // JSONL, as documented: every non-empty line is a JSON object.
      const lines = r.text.split("\n").filter(Boolean);
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(typeof JSON.parse(l)).toBe("object");
    },
    delete: (r) => valid("delete", "/openai/v1/files/{file_id}", r),
  },
  extra(get) {
    it("the generated openapi-fetch client lists with the documented envelope { code, message, data }", async () => {
      const { data } = await get().documented("get", "/openai/v1/files", (c) => c.raw.GET("/openai/v1/files"));
      expect(data).toMatchObject({ data: [FILE] });
      expect(typeof data!.code).toBe("string");
      expect(get().violations).toEqual([]);
    });
    it("accepts the documented base URL with its /openai/v1 prefix", async () => {
      const c = createNovitaClient({ baseUrl: `${get().prism.url}/openai/v1`, apiKey: "k" });
      valid("get", "/openai/v1/files/{file_id}", await c.files.retrieve(FILE.id));
    });
  },
});
