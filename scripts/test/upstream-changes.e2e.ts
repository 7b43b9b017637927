// Real kinds of upstream change, taken by specs:update with no hand edits (temp repo copies):
// a component renamed (public API unchanged), a new required request field (major, from the
// public API), a newly published page retiring an authored fragment (Novita's MDX delete page,
// with <ParamField>s and a request example naming its operation).
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { REPO_ROOT } from "@llm-files/testing";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { copyRepo, pagesDir, type RepoCopy } from "./repo-copy.js";

let copy: RepoCopy | undefined;
afterEach(async () => {
  await copy?.cleanup();
  copy = undefined;
});

async function changesets(c: RepoCopy) {
  // Only the changesets this run wrote (the checkout may hold others).
  const existing = new Set(await readdir(join(REPO_ROOT, ".changeset")));
  const files = (await readdir(join(c.root, ".changeset"))).filter((f) => f.startsWith("specs-") && !existing.has(f));
  return Promise.all(files.map((f) => c.read(`.changeset/${f}`)));
}

async function edit(dir: string, file: string, change: (text: string) => string) {
  const before = await readFile(join(dir, file), "utf8");
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(join(dir, file), after);
}

// The MDX of https://novita.ai/docs/api-reference/model-apis-llm-delete-file in the form of the
// vendored list page (003_…): fields and words from the stored rendered page (2026-11-23).
const NOVITA_DELETE_MDX = `> ## Documentation Index
> Fetch the complete documentation index at: https://novita.ai/docs/llms.txt
> Use this file to discover all available pages before exploring further.

# Delete file

Deletes a specific file using its file ID.

\`\`\`bash
curl --request DELETE \\
  --url https://api.novita.ai/openai/v1/files/{file_id} \\
  --header 'Authorization: <authorization>' \\
  --header 'Content-Type: <content-type>'
\`\`\`

## Request Headers

<ParamField header="Content-Type" type="string" required={true}>
  Enum: \`application/json\`
</ParamField>

<ParamField header="Authorization" type="string" required={true}>
  Bearer authentication format, for example: Bearer \\{\\{API Key}}.
</ParamField>

## Path Parameters

<ParamField path="file_id" type="string" required={true}>
  The unique identifier of the file to delete.
</ParamField>

## Response

<ResponseField name="deleted" type="boolean" required={true}>
  Indicates whether the file was successfully deleted. Returns \`true\` if the deletion was successful.
</ResponseField>

<ResponseField name="id" type="string" required={true}>
  The unique identifier of the deleted file.
</ResponseField>

<ResponseField name="object" type="string" required={true}>
  The object type, which is always \`file\`.
</ResponseField>
`;

// MiniMax's current retrieve page, in the form of the vendored list page (the same embedded
// document, /api-reference/file/management/api/openapi.json): retrieve answers { file, base_resp }
// with `file` the one shared FileObject the list uses, where our authored fragment had a
// RetrieveFileObject of its own. Its fields and example are the stored rendered page's
// (https://platform.minimax.io/docs/api-reference/file-management-retrieve; the whole .md is not
// stored, which is why specs/minimax/authored/files-retrieve.yaml exists).
async function minimaxRetrievePage(c: RepoCopy): Promise<string> {
  const list = await c.read("specs/minimax/upstream/004_6e449891ff98f425.txt");
  const head = list.slice(0, list.indexOf("paths:\n"));
  const components = list.slice(list.indexOf("    FileObject:\n"));
  return `${head.replace("# List Files\n\n> List files on the MiniMax API Platform.", "# Retrieve File\n\n> Retrieve files on the MiniMax API Platform.").replace("GET /v1/files/list", "GET /v1/files/retrieve")}paths:
  /v1/files/retrieve:
    get:
      tags:
        - Files
      summary: Retrieve File
      operationId: retrieveFile
      parameters:
        - name: file_id
          in: query
          required: true
          description: The unique identifier of the file.
          schema:
            type: integer
            format: int64
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/RetrieveFileResp'
components:
  schemas:
    RetrieveFileResp:
      type: object
      properties:
        file:
          $ref: '#/components/schemas/FileObject'
        base_resp:
          $ref: '#/components/schemas/ListRetrieveDeleteFileBaseResp'
      example:
        file:
          file_id: 307374631411713
          bytes: 5896337
          created_at: 1700469398
          filename: output_aigc.mp4
          purpose: video_generation
          download_url: www.downloadurl.com
        base_resp:
          status_code: 0
          status_msg: success
${components}`;
}

// A page documenting a sixth operation, in the form of Moonshot's pages: the signed URL of a
// file's content, as Mistral published it on 2025-01-21 (GET /v1/files/{file_id}/url with an
// `expiry` in hours; the replay test takes Mistral's own document of that day). Moonshot
// publishes five operations: this page is the shape of a real addition, on Moonshot's pages.
async function sixthOperationPage(c: RepoCopy): Promise<string> {
  const del = await c.read("specs/moonshot/upstream/files-delete.md");
  const head = del.slice(0, del.indexOf("# Delete File"));
  const tail = del.slice(del.indexOf("    ErrorResponse:\n"));
  return `${head}# Get Signed URL

> Returns a URL to download the file's content without the API key, valid for \`expiry\` hours.

## OpenAPI

\`\`\`\`yaml GET /v1/files/{file_id}/url
${del.slice(del.indexOf("openapi: 3.1.0"), del.indexOf("paths:\n"))}paths:
  /v1/files/{file_id}/url:
    get:
      tags:
        - Files
      summary: Get Signed URL
      operationId: getFileSignedUrl
      parameters:
        - name: file_id
          in: path
          required: true
          description: The file identifier
          schema:
            type: string
        - name: expiry
          in: query
          required: false
          description: Number of hours before the url becomes invalid
          schema:
            type: integer
            default: 24
      responses:
        '200':
          description: The signed URL
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/FileSignedURL'
        '401':
          description: Unauthorized - Invalid or missing API key
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ErrorResponse'
      security:
        - bearerAuth: []
components:
  schemas:
    FileSignedURL:
      type: object
      properties:
        url:
          type: string
          description: A URL to download the file's content
      required:
        - url
${tail}`;
}

describe("upstream changes", () => {
  it("a newly published sixth operation is a minor change: typed in the generated paths, called through raw by the contract tests, named in the run's report as not in the facade yet", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    await writeFile(join(dir, "files-url.md"), await sixthOperationPage(copy));
    const r = await copy.run(["--from", dir, "--provider", "moonshot", "--report", join(copy.root, "report.md")]);
    expect(r.status, r.output).toBe(0);
    const [cs, ...rest] = await changesets(copy);
    expect(rest).toEqual([]);
    expect(cs).toMatch(/^---\n"@llm-files\/moonshot": minor\n---/);
    expect(await copy.read("packages/moonshot/src/generated/schema.ts")).toContain('"/v1/files/{file_id}/url": {');
    const report = await copy.read("report.md");
    expect(r.output).toContain(report);
    expect(report).toContain(
      '| GET /v1/files/{file_id}/url (`getFileSignedUrl`) | **new operation**: typed in the generated `paths`, callable as `client.raw.GET("/v1/files/{file_id}/url", …)`, covered by the contract tests (every operation of the spec); **not in the facade yet** |',
    );
    expect(report).toMatch(/\| moonshot \| minor \| \d+ \| \d+ \| files-url\.md \|/);
    expect(report).toContain("Bump: **minor**, decided by the public API");
    // The package's own contract test, on the copy's spec: the sixth operation is called
    // through raw and checked against its schema (it was a fixed count of cases: a failure).
    const test = (await readFile(join(REPO_ROOT, "packages/moonshot/test/contract.test.ts"), "utf8"))
      .replace('join(REPO_ROOT, "specs/moonshot/openapi.yaml")', JSON.stringify(join(copy.root, "specs/moonshot/openapi.yaml")))
      .replace("describeContract<MoonshotClient>({\n  profile,", `describeContract<MoonshotClient>({\n  profile,\n  spec: ${JSON.stringify(join(copy.root, "specs/moonshot/openapi.yaml"))},`);
    await mkdir(join(copy.root, "packages/moonshot/test"), { recursive: true });
    await writeFile(join(copy.root, "packages/moonshot/test/contract.test.ts"), test);
    const run = await copy.exec(join(REPO_ROOT, "node_modules/.bin/vitest"), ["run", "--reporter=dot", "test/contract.test.ts"], join(copy.root, "packages/moonshot"));
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/contract: moonshot ran 21 spec cases \(6 operations\)/);
  });

  it("MiniMax's current retrieve page puts retrieve on the shared FileObject: the overrides stated as rules follow it, and the authored fragment retires", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    await writeFile(join(dir, "file-management-retrieve.md"), await minimaxRetrievePage(copy));
    const r = await copy.run(["--from", dir, "--provider", "minimax"]);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain("minimax: GET /v1/files/retrieve: published by file-management-retrieve.md; authored/files-retrieve.yaml retires (delete it)");
    const spec = parse(await copy.read("specs/minimax/openapi.yaml"));
    expect(spec.components.schemas.RetrieveFileObject).toBeUndefined();
    expect(spec.components.schemas.RetrieveFileResp.properties.file).toEqual({ $ref: "#/components/schemas/FileObject" });
    // The rules hold on the one file object there is now.
    const file = spec.components.schemas.FileObject;
    expect(file.required).toEqual(["file_id", "bytes", "created_at", "filename", "purpose"]);
    expect([file.properties.file_id.minimum, file.properties.bytes.minimum, file.properties.created_at.minimum, file.properties.created_at.maximum]).toEqual([1, 0, 0, 253402300799]);
    // The shared object has no download_url: what retrieve answers lost a field, a major change for callers.
    const [cs] = await changesets(copy);
    expect(cs).toMatch(/"@llm-files\/minimax": major/);
    expect(cs).toMatch(/download_url/);
  });

  it("an override at a JSON pointer whose target moved fails saying where its subject went, and changes nothing", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    await writeFile(join(dir, "file-management-retrieve.md"), await minimaxRetrievePage(copy));
    // The correction as it was written before it became a rule: at RetrieveFileObject.
    const overrides = await copy.read("specs/minimax/overrides.yaml");
    await copy.write(
      "specs/minimax/overrides.yaml",
      `${overrides}- name: minimax-retrieve-fields-present\n  patch:\n    - op: add\n      path: /components/schemas/RetrieveFileObject/required\n      value: [file_id, bytes, created_at, filename, purpose]\n`,
    );
    const before = await copy.snapshot();
    const r = await copy.run(["--from", dir, "--provider", "minimax"]);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('override "minimax-retrieve-fields-present" (specs/minimax/overrides.yaml): target no /components/schemas/RetrieveFileObject/required (missing at "RetrieveFileObject").');
    expect(r.output).toContain(
      "/components/schemas/RetrieveFileObject went: its properties (5 of 6: file_id, bytes, created_at, filename, purpose) are now at /components/schemas/FileObject, which GET /v1/files/list, GET /v1/files/retrieve, POST /v1/files/upload use.",
    );
    const after = await copy.snapshot();
    for (const k of after.keys()) if (k.startsWith("incoming/")) after.delete(k);
    expect(after).toEqual(before);
  });

  it("a component renamed upstream leaves the public API unchanged: patch, and the API report stays as it is", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    const report = await copy.read("packages/moonshot/api/public-api.txt");
    await edit(dir, "files-delete.md", (t) => t.replaceAll("FileDeleteResponse", "DeleteFileResult"));
    const r = await copy.run(["--from", dir, "--provider", "moonshot"]);
    expect(r.status, r.output).toBe(0);
    const spec = parse(await copy.read("specs/moonshot/openapi.yaml"));
    expect(Object.keys(spec.components.schemas)).toContain("DeleteFileResult");
    expect(Object.keys(spec.components.schemas)).not.toContain("FileDeleteResponse");
    expect(await copy.read("packages/moonshot/src/generated/schema.ts")).toContain("DeleteFileResult: {");
    // The spec diff alone calls a vanished component major; the public API says otherwise.
    const [cs, ...rest] = await changesets(copy);
    expect(rest).toEqual([]);
    expect(cs).toMatch(/^---\n"@llm-files\/moonshot": patch\n---/);
    expect(cs).toContain("the public API is unchanged");
    expect(await copy.read("packages/moonshot/api/public-api.txt")).toBe(report);
  });

  it("a new required request field is major, decided from the public API", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    await edit(dir, "002_0055645eb4ee3e84.txt", (t) =>
      t.replace(
        "              required:\n                - file\n                - purpose\n",
        "                expires_after:\n                  type: integer\n                  description: Seconds until the file expires\n              required:\n                - file\n                - purpose\n                - expires_after\n",
      ),
    );
    const r = await copy.run(["--from", dir, "--provider", "moonshot"]);
    expect(r.status, r.output).toBe(0);
    const [cs] = await changesets(copy);
    expect(cs).toMatch(/"@llm-files\/moonshot": major/);
    expect(cs).toMatch(/public API: paths\.\/v1\/files\.post\.requestBody\.content\.multipart\/form-data\.expires_after: new required input \(major\)/);
    expect(await copy.read("packages/moonshot/api/public-api.txt")).toMatch(/multipart\/form-data\.expires_after in required number/);
  });

  it("a newly published MDX page wins over the authored fragment for its operation, and the run says so", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    await writeFile(join(dir, "model-apis-llm-delete-file.md"), NOVITA_DELETE_MDX);
    const r = await copy.run(["--from", dir, "--provider", "novita"]);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain("novita: DELETE /openai/v1/files/{file_id}: published by model-apis-llm-delete-file.md; authored/files-delete.yaml retires (delete it)");
    const spec = parse(await copy.read("specs/novita/openapi.yaml"));
    const op = spec.paths["/openai/v1/files/{file_id}"].delete;
    expect(op["x-source"]).toBe("model-apis-llm-delete-file.md");
    expect(op.operationId).toBe("deleteFile");
    // The path parameter came from <ParamField path>; Content-Type and Authorization headers did not become inputs.
    expect(op.parameters).toEqual([{ name: "file_id", in: "path", required: true, description: "The unique identifier of the file to delete.", schema: { type: "string" } }]);
    expect(spec.components.schemas.DeleteFileResponse.required).toEqual(["deleted", "id", "object"]);
    // The page was vendored with its provenance; the other pages and the authored GET stay.
    expect(await copy.read("specs/novita/upstream/model-apis-llm-delete-file.md")).toBe(NOVITA_DELETE_MDX);
    expect(JSON.parse(await copy.read("specs/sources.json")).novita.pages["model-apis-llm-delete-file.md"]).toMatchObject({ captured: expect.any(String) });
    expect(spec.paths["/openai/v1/files/{file_id}"].get["x-source"]).toMatch(/novita\.ai/);
  });

  it("a required Content-Type header parameter (as MiniMax's pages now declare) is no new input: the spec stays as it was", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    const spec = await copy.read("specs/minimax/openapi.yaml");
    await edit(dir, "004_6e449891ff98f425.txt", (t) =>
      t.replace(
        "      parameters:\n        - name: purpose\n",
        "      parameters:\n        - name: Content-Type\n          in: header\n          required: true\n          schema:\n            type: string\n            enum:\n              - application/json\n        - name: purpose\n",
      ),
    );
    const r = await copy.run(["--from", dir, "--provider", "minimax"]);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain("minimax: GET /v1/files/list: header parameter(s) Content-Type dropped (OpenAPI ignores them)");
    expect(r.output).toContain("minimax: pages changed, spec unchanged");
    expect(await copy.read("specs/minimax/openapi.yaml")).toBe(spec);
    expect(await changesets(copy)).toEqual([]);
  });

  it("a page that breaks the spec fails naming the page, where it was read, its own line and the JSON pointer there: never a line of a temporary file", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    const before = await copy.snapshot();
    // The path parameter left out of the retrieve page's operation, as OpenAI's document of
    // 2024-06-24 published its Uploads paths (the replay test takes that document itself).
    const page = "001_c05e9f2447f5e909.txt";
    await edit(dir, page, (t) => t.replace("      parameters:\n        - name: file_id\n          in: path\n          required: true\n          description: The file identifier\n          schema:\n            type: string\n", ""));
    const r = await copy.run(["--from", dir, "--provider", "moonshot"]);
    expect(r.status).not.toBe(0);
    const line = (await readFile(join(dir, page), "utf8")).split("\n").indexOf("    get:") + 1;
    expect(r.output).toContain("specs/moonshot: the merged spec does not lint (1 error, from 001_c05e9f2447f5e909.txt):\n  - path-parameters-defined: The operation does not define the path parameter `{file_id}` expected by path `/v1/files/{file_id}`.");
    expect(r.output).toContain(`at #/paths/~1v1~1files~1{file_id}/get/parameters in ${page} (${join(dir, page)}), line ${line} (#/paths/~1v1~1files~1{file_id}/get; the rest is not in the page)`);
    expect(r.output).not.toMatch(/llm-files-specs-|\.yaml:\d+:\d+|validated in/);
    const after = await copy.snapshot();
    for (const k of after.keys()) if (k.startsWith("incoming/")) after.delete(k);
    expect(after).toEqual(before);
  });

  it("a rendered-markdown page (field tags gone) is refused by name, nothing written", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    const before = await copy.snapshot();
    await writeFile(
      join(dir, "model-apis-llm-list-files.md"),
      "# List files - Documentation\n\n> For the complete documentation index, see [llms.txt](/llms.txt).\n\nSource: /docs/api-reference/model-apis-llm-list-files\n\n[](#param-code)\n\ncode\n\nstring\n\nrequired\n",
    );
    const r = await copy.run(["--from", dir, "--provider", "novita"]);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("model-apis-llm-list-files.md: rendered markdown without <ParamField>/<ResponseField> tags");
    const after = await copy.snapshot();
    for (const k of after.keys()) if (k.startsWith("incoming/")) after.delete(k);
    expect(after).toEqual(before);
  });
});
