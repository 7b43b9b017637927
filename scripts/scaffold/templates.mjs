// The source files of a scaffolded provider package, written from what its spec says:
// which Files operations exist (and at which paths), multipart or raw-body upload, JSON or
// binary download. Nothing here assumes an OpenAI-shaped API.
import { filesOperations, pathPrefix } from "../specs/lib/files-ops.mjs";

const q = JSON.stringify;

export function packageSources(name, doc) {
  const Name = name[0].toUpperCase() + name.slice(1);
  const UP = name.toUpperCase();
  const { collection, idParam, idValue, ops } = filesOperations(doc);
  const prefix = pathPrefix(doc, collection);
  const has = (k) => Boolean(ops[k]);
  const jsonOf = (o) => (o.types.some((t) => /json/.test(t)) ? o.types.find((t) => /json/.test(t)) : undefined);
  const resultType = (o) => {
    const t = jsonOf(o);
    return t ? `paths[${q(o.path)}][${q(o.method)}]["responses"][${o.status}]["content"][${q(t)}]` : "unknown";
  };
  const methods = [];
  const byId = (o) => `{ params: { path: { ${q(idParam)}: checkFileId(P, fileId, "fileId") } }, ...call(options) }`;
  if (has("list")) methods.push(`    /** ${ops.list.method.toUpperCase()} ${ops.list.path} */\n    async list(options?: CallOptions): Promise<${resultType(ops.list)}> {\n      const { data } = await parsedJson(P, raw.GET(${q(ops.list.path)}, call(options)));\n      return data as ${resultType(ops.list)};\n    },`);
  if (has("retrieve")) methods.push(`    /** ${ops.retrieve.method.toUpperCase()} ${ops.retrieve.path} */\n    async retrieve(fileId: string, options?: CallOptions): Promise<${resultType(ops.retrieve)}> {\n      const { data } = await parsedJson(P, raw.GET(${q(ops.retrieve.path)}, ${byId()}));\n      return data as ${resultType(ops.retrieve)};\n    },`);
  if (has("delete")) methods.push(`    /** ${ops.delete.method.toUpperCase()} ${ops.delete.path} */\n    async delete(fileId: string, options?: CallOptions): Promise<${resultType(ops.delete)}> {\n      const { data } = await parsedJson(P, raw.DELETE(${q(ops.delete.path)}, ${byId()}));\n      return data as ${resultType(ops.delete)};\n    },`);
  if (has("content")) {
    methods.push(
      `    /** ${ops.content.method.toUpperCase()} ${ops.content.path}: the answer as a streaming Response (${ops.content.types.join(", ") || "no documented media type"}). */\n    async content(fileId: string, options?: CallOptions): Promise<Response> {\n      const { response } = await raw.GET(${q(ops.content.path)}, { params: { path: { ${q(idParam)}: checkFileId(P, fileId, "fileId") } }, parseAs: "stream", ...call({ ...options, stream: true }) });\n      return response;\n    },`,
    );
  }
  let uploadParams = "";
  if (has("upload")) {
    const b = ops.upload.body;
    const fieldNames = Object.keys(b.fields);
    uploadParams = `\n/** Upload parameters: the file and the body fields the spec requires. */\nexport interface UploadParams extends CallOptions {\n  file: FileInput;\n  /** Required for bytes, nameless Blobs and streams; defaults to the path's base name. */\n  filename?: string;\n  onProgress?: (progress: UploadProgress) => void;\n${fieldNames.map((f) => `  ${q(f)}: string;\n`).join("")}}\n`;
    if (b.form === "multipart") {
      methods.push(
        `    /** ${ops.upload.method.toUpperCase()} ${ops.upload.path} (multipart/form-data, file in \`${b.fileField}\`) */\n    async upload(params: UploadParams): Promise<${resultType(ops.upload)}> {\n      if (params === null || typeof params !== "object") throw new ValidationError(P, "params", "upload() takes { file${fieldNames.map((f) => `, ${f}`).join("")} }");\n      const fields: Record<string, string> = {};\n${fieldNames.map((f) => `      if (typeof params[${q(f)}] !== "string" || !params[${q(f)}]) throw new ValidationError(P, ${q(f)}, "required: a non-empty string (see the spec's upload body)");\n      fields[${q(f)}] = params[${q(f)}];\n`).join("")}      const file = await prepareFile(params.file, { provider: P, filename: params.filename, maxBytes: MAX_FILE_BYTES, maxLabel: MAX_FILE_LABEL });\n      const res = await transport.upload(${q(ops.upload.path)}, fields, ${q(b.fileField)}, file, params);\n      return (await parsedJson(P, res.json())) as ${resultType(ops.upload)};\n    },`,
      );
    } else {
      methods.push(
        `    /** ${ops.upload.method.toUpperCase()} ${ops.upload.path} (the file is the raw body, ${b.mediaType}) */\n    async upload(params: UploadParams): Promise<${resultType(ops.upload)}> {\n      if (!(params?.file instanceof Blob)) throw new ValidationError(P, "file", "a raw-body upload takes a Blob (fs.openAsBlob(path) for a file on disk)");\n      const { data } = await parsedJson(P, raw.POST(${q(ops.upload.path)}, { body: params.file as never, bodySerializer: (b: unknown) => b as BodyInit, headers: { "content-type": ${q(b.mediaType)} }, ...call(params) }));\n      return data as ${resultType(ops.upload)};\n    },`,
      );
    }
  }
  const coreImports = ["Transport", "redactedClient", "type ClientOptions"];
  if (methods.length) coreImports.push("parsedJson", "type CallOptions");
  if (has("retrieve") || has("delete") || has("content")) coreImports.push("checkFileId");
  if (has("upload")) coreImports.push("ValidationError", "type FileInput", "type UploadProgress");
  if (has("upload") && ops.upload.body.form === "multipart") coreImports.push("prepareFile");

  const client = `// A thin client for ${Name}'s Files API, scaffolded by \`pnpm new-provider\` from
// specs/${name}/openapi.yaml: the operations and paths the spec has, the generated types on
// openapi-fetch, sent through @llm-files/core's transport (typed errors, retries, timeouts,
// streamed uploads). Public types are named here, from operations, never from generated
// component names, so an upstream rename of a component leaves this package's API as it is.
import createClient, { type Client } from "openapi-fetch";
import { ${coreImports.join(", ")} } from "@llm-files/core";
import type { paths } from "./generated/schema.js";
import { ${name}Protocol } from "./protocol.js";

/** TODO: the provider's documented per-file limit. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
const MAX_FILE_LABEL = "512 MB";
${uploadParams}
function filesOf(raw: Client<paths>, transport: Transport) {
  const P = transport.provider;
  const call = (o: CallOptions = {}) => ({ fetch: transport.fetchFor(o) });
  return {
${methods.join("\n")}
  };
}

export type ${Name}Files = ReturnType<typeof filesOf>;

export interface ${Name}Client {
  readonly provider: ${q(name)};
  /** The openapi-fetch client over the generated \`paths\`; non-2xx answers throw typed errors. */
  readonly raw: Client<paths>;
  readonly files: ${Name}Files;
  readonly transport: Transport;
}

export function create${Name}Client(options: ClientOptions = {}): ${Name}Client {
  const transport = new Transport(${name}Protocol, options);
  const raw = createClient<paths>(transport.clientOptions());
  return redactedClient("${Name}Client", transport, { provider: ${q(name)}, raw, files: filesOf(raw, transport), transport });
}
`.replace("const call = (o: CallOptions = {}) =>", methods.length ? "const call = (o: CallOptions = {}) =>" : "// no Files operations found\n  void P;\n  const call = (o: unknown) =>");

  const protocol = `// How ${Name} speaks. Scaffolded with the OpenAI-style error body \`{ error: { message, type, code } }\`
// (or a flat one); adjust readError/classify to what the provider documents.
import { type Protocol } from "@llm-files/core";
import { specInfo } from "./generated/spec-info.js";

export const ${name}Protocol: Protocol = {
  provider: ${q(name)},
  apiKeyEnv: "${UP}_API_KEY",
  baseUrlEnv: "${UP}_BASE_URL",
  defaultBaseUrl: specInfo.servers[0] ?? "https://TODO",
  pathPrefix: ${q(prefix)},
  readError(_text, json) {
    const body = json as { error?: unknown } | undefined;
    const e = (body && typeof body.error === "object" && body.error ? body.error : body) as Record<string, unknown> | undefined;
    const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
    return e && typeof e === "object" ? { message: str(e.message) ?? str(e.detail), type: str(e.type), code: str(e.code) } : {};
  },
};
`;

  const index = `export { create${Name}Client, MAX_FILE_BYTES, type ${Name}Client, type ${Name}Files${has("upload") ? ", type UploadParams" : ""} } from "./client.js";
export { ${name}Protocol } from "./protocol.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths } from "./generated/schema.js";
export * from "@llm-files/core";
`;

  const calls = [];
  const opCase = (key, o, callExpr) => calls.push({ key, o, callExpr });
  if (has("list")) opCase("list", ops.list, "c.files.list()");
  if (has("upload")) opCase("upload", ops.upload, ops.upload.body.form === "multipart" ? `c.files.upload({ file: file.path${Object.entries(ops.upload.body.fields).map(([k, v]) => `, ${q(k)}: ${q(v)}`).join("")} })` : `c.files.upload({ file: new Blob(["sample\\n"])${Object.entries(ops.upload.body.fields).map(([k, v]) => `, ${q(k)}: ${q(v)}`).join("")} })`);
  if (has("retrieve")) opCase("retrieve", ops.retrieve, `c.files.retrieve(${q(idValue)})`);
  if (has("content")) opCase("content", ops.content, `c.files.content(${q(idValue)}).then((r) => r.arrayBuffer())`);
  if (has("delete")) opCase("delete", ops.delete, `c.files.delete(${q(idValue)})`);
  const errorStatuses = (o) => Object.keys(o.op.responses ?? {}).filter((s) => /^[45]\d\d$/.test(s));
  const test = `// Contract test on Prism started from specs/${name}/openapi.yaml, scaffolded by \`pnpm new-provider\`.
// Every Files operation the client has: its answer must carry a documented status and media
// type and validate against the documented schema; each documented error status must become a
// typed error. Never a particular example value, so a words-only upstream change cannot fail it.
import { fileURLToPath } from "node:url";
import { responseChecker, startPrism, tempFile, type Prism, type TempFile } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create${Name}Client, FilesError, type ${Name}Client } from "../src/index.js";

const SPEC = fileURLToPath(new URL("../../../specs/${name}/openapi.yaml", import.meta.url));
const check = responseChecker(SPEC);
let prism: Prism;
let file: TempFile;
let last: { status: number; type: string | null; body: unknown; violations: string | null } | undefined;

const watching: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const type = res.headers.get("content-type");
  const text = await res.clone().text();
  let body: unknown = text;
  if (type && /json/.test(type) && text) body = JSON.parse(text);
  last = { status: res.status, type, body, violations: res.headers.get("sl-violations") };
  return res;
};
const client = (headers?: Record<string, string>): ${Name}Client => create${Name}Client({ baseUrl: prism.url, apiKey: "contract-test-key", headers, fetch: watching, maxRetries: 0 });

beforeAll(async () => {
  // --dynamic: answers generated from the schemas (a provider's examples may not match its own schemas).
  prism = await startPrism({ spec: SPEC, errors: true, dynamic: true });
  file = await tempFile("sample\\n", "sample.jsonl");
}, 60_000);
afterAll(async () => {
  await prism?.stop();
  await file?.cleanup();
});

const cases: Array<{ name: string; method: string; path: string; errors: number[]; call: (c: ${Name}Client) => Promise<unknown> }> = [
${calls.map(({ key, o, callExpr }) => `  { name: ${q(key)}, method: ${q(o.method)}, path: ${q(o.path)}, errors: [${errorStatuses(o).join(", ")}], call: (c) => ${callExpr} },`).join("\n")}
];

describe("${name} contract (Prism on specs/${name}/openapi.yaml)", () => {
  it("covers the Files operations the spec has", () => {
    expect(cases.map((c) => c.name)).toEqual(${q(calls.map((c) => c.key))});
  });
  for (const c of cases) {
    it(\`\${c.name}: \${c.method.toUpperCase()} \${c.path} answers as documented\`, async () => {
      last = undefined;
      await c.call(client());
      expect(last, "no request was sent").toBeDefined();
      expect(last!.violations).toBeNull();
      expect(check(c.method, c.path, last!.status, last!.type, last!.body)).toEqual([]);
    });
    for (const status of c.errors) {
      it(\`\${c.name}: documented \${status} becomes a typed error\`, async () => {
        const err = await c.call(client({ Prefer: \`code=\${status}\` })).then(() => undefined, (e: unknown) => e);
        expect(FilesError.isInstance(err)).toBe(true);
        expect(err).toMatchObject({ provider: ${q(name)}, status });
      });
    }
  }
});
`;
  return { files: { "src/client.ts": client, "src/protocol.ts": protocol, "src/index.ts": index, "test/contract.test.ts": test }, ops, collection };
}
