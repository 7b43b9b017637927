// Spec-driven contract tests: every operation of a provider's spec (read from the spec's
// paths, never listed by hand) is called through the provider's client against Prism started
// from that spec: the Files operations the profile names through `client.files`, any other
// operation through `client.raw` (openapi-fetch over the generated paths) with a request built
// from the spec. Every answer the call received must carry a documented status and media type
// and validate against the documented schema, once for success and once for each documented
// error status (Prism's `Prefer: code=`), which must become the typed error of that status.
// Prism runs with --errors, so any request that breaks the spec fails the call; no answer may
// carry sl-violations. Never a particular example value, so a words-only upstream change
// cannot fail it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT, startPrism, type Prism } from "./prism.js";
import { tempFile, type TempFile } from "./files.js";
import { responseChecker } from "./schema.js";

/** The operations a profile routes (the shape of @llm-files/core's Profile that this reads). */
export type FilesOperationName = "list" | "upload" | "retrieve" | "content" | "delete";

export interface ContractProfile {
  name: string;
  operations: Partial<Record<FilesOperationName, { method: string; path: string; purpose?: { name: string } }>>;
  /** No purpose where the provider's upload takes none. */
  sample: { purpose?: string; filename: string; content: string };
  /** Where the key goes (default: the authorization header). */
  auth?: { header: string };
}

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  /** Documented statuses other than 2xx. */
  errorStatuses: number[];
}

const METHODS = ["get", "put", "post", "delete", "patch"] as const;
type Doc = { paths?: Record<string, Record<string, any>>; components?: Record<string, Record<string, any>> };

const readSpec = (spec: string): Doc => parse(readFileSync(spec, "utf8"));
const specFile = (provider: string): string => join(REPO_ROOT, "specs", provider, "openapi.yaml");

/** The operations of a spec (a file, or specs/<provider>/openapi.yaml), read from the document. */
export function specOperations(specOrProvider: string): SpecOperation[] {
  const doc = readSpec(specOrProvider.endsWith(".yaml") || specOrProvider.endsWith(".json") ? specOrProvider : specFile(specOrProvider));
  const ops: SpecOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const errorStatuses = Object.keys(op.responses ?? {})
        .filter((s) => /^[45]\d\d$/.test(s))
        .map(Number);
      ops.push({ operationId: op.operationId ?? `${method.toUpperCase()} ${path}`, method, path, errorStatuses });
    }
  }
  return ops;
}

/** The error class each HTTP status becomes (README: "Errors it can throw"), unless a profile's rule says otherwise. */
export const DEFAULT_ERROR_NAMES: Readonly<Record<number, string>> = {
  400: "InvalidRequestError",
  401: "AuthenticationError",
  402: "InsufficientBalanceError",
  403: "PermissionError",
  404: "NotFoundError",
  408: "TimeoutError",
  409: "InvalidRequestError",
  413: "InvalidRequestError",
  415: "InvalidRequestError",
  422: "InvalidRequestError",
  429: "RateLimitError",
  500: "ServerError",
  502: "ServerError",
  503: "ServerError",
  504: "TimeoutError",
};

export interface ContractContext {
  /** A small real file on disk (the profile's sample upload unless the suite names another). */
  file: TempFile;
  /** An id the spec's id parameter accepts. */
  fileId: string;
}

/** What a contract needs of a client: the Files operations and the raw openapi-fetch client. */
export interface ContractClient {
  files: object;
  raw: object;
}

export interface ClientSettings {
  baseUrl: string;
  apiKey: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  maxRetries?: number;
}

export interface ContractSuite<Client extends ContractClient> {
  /** The provider's profile: its name, which spec operation is which Files operation, its sample upload. */
  profile: ContractProfile;
  /** The spec file (default: specs/<profile.name>/openapi.yaml of this repository). */
  spec?: string;
  create(options: ClientSettings): Client;
  /** Prism's answers generated from the schemas instead of the examples. */
  dynamic?: boolean;
  /** The file uploaded (default: the profile's sample). */
  uploadFile?: { name: string; content: string };
  /** The id the by-id operations send (default: one the spec's id parameter accepts). */
  fileId?: string;
  /** The Files operations' arguments beyond the file id (default: none; upload: the file and the sample's purpose). */
  args?: { list?: object; upload?: object };
  /**
   * Calls of operations outside the profile's Files operations that the package gives a method
   * of its own, by operationId (others go through `client.raw`).
   */
  calls?: Record<string, (client: Client, ctx: ContractContext) => Promise<unknown>>;
  /** Assertions on a call's result beyond the schema check, by Files operation name or operationId. */
  check?: Record<string, (result: any) => void>;
  /** The error class names by status, over DEFAULT_ERROR_NAMES (a profile's own rules). */
  errorNames?: Record<number, string>;
  /**
   * Guards against a spec that silently shrinks: at least how many success + documented error
   * cases it must yield. At least, not exactly: an operation upstream adds is a minor change,
   * called through `raw` and covered here like every other, never a failure.
   */
  minCases?: number;
  /** Extra tests with the running Prism (e.g. raw client calls, a page of the list). */
  extra?(get: () => ContractRun<Client>): void;
}

export interface ContractRun<Client> {
  prism: Prism;
  ctx: ContractContext;
  /** Every sl-violations header seen so far. */
  violations: string[];
  /**
   * Runs `run` with a client whose every answer is checked: each must be what the spec
   * documents for `method path` (status, media type, schema), with no violation. Resolves to
   * what `run` resolved to.
   */
  documented<T>(method: string, path: string, run: (client: Client) => Promise<T>): Promise<T>;
}

interface Seen {
  status: number;
  type: string | null;
  body: unknown;
  violations: string | null;
  url: string;
}

/** A value the schema accepts, for a request built from the spec: its example, else the simplest one. */
export function sampleOf(doc: Doc, schema: any, depth = 0): unknown {
  let s = schema;
  for (let i = 0; s?.$ref && i < 20; i++) s = resolveRef(doc, s.$ref);
  if (!s || typeof s !== "object" || depth > 8) return undefined;
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if (s.const !== undefined) return s.const;
  const union = s.anyOf ?? s.oneOf;
  if (Array.isArray(union)) return sampleOf(doc, union.find((m: any) => m?.type !== "null") ?? union[0], depth + 1);
  if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((m: any) => sampleOf(doc, m, depth + 1)));
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== "null") : s.type;
  if (type === "string") {
    if (s.format === "binary") return new Blob(["sample\n"]);
    if (s.format === "uuid") return "3b7d1c1e-3c5f-4a8e-9d3c-6f1e2a4b5c6d";
    if (s.format === "date-time") return "2024-01-01T00:00:00Z";
    return "sample";
  }
  if (type === "integer" || type === "number") return typeof s.minimum === "number" ? Math.max(s.minimum, 1) : 1;
  if (type === "boolean") return true;
  if (type === "array") return [sampleOf(doc, s.items, depth + 1)];
  if (type === "object" || s.properties) {
    const out: Record<string, unknown> = {};
    for (const k of s.required ?? []) out[k] = sampleOf(doc, s.properties?.[k], depth + 1);
    return out;
  }
  return undefined;
}

function resolveRef(doc: Doc, ref: string): any {
  return ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<any>((o, k) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

/** The openapi-fetch request of an operation the spec documents: required path and query parameters, and its body. */
function rawRequest(doc: Doc, path: string, method: string): Record<string, unknown> {
  const item = doc.paths?.[path] ?? {};
  const op = item[method] ?? {};
  const params: Record<string, Record<string, unknown>> = {};
  for (let p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
    if (p?.$ref) p = resolveRef(doc, p.$ref);
    if (!p || (p.in !== "path" && p.in !== "query") || (p.in === "query" && !p.required)) continue;
    (params[p.in] ??= {})[p.name] = p.example ?? sampleOf(doc, p.schema);
  }
  const request: Record<string, unknown> = { params };
  let body = op.requestBody;
  if (body?.$ref) body = resolveRef(doc, body.$ref);
  const types = Object.keys(body?.content ?? {});
  const type = types.find((t) => /json/.test(t)) ?? types[0];
  if (type) {
    const schema = body.content[type].schema;
    const value = sampleOf(doc, schema);
    if (type === "multipart/form-data") {
      const form = new FormData();
      for (const [k, v] of Object.entries((value as Record<string, unknown>) ?? {})) {
        if (v instanceof Blob) form.append(k, v, "sample.bin");
        else form.append(k, typeof v === "string" ? v : JSON.stringify(v));
      }
      request.body = form;
    } else request.body = value;
  }
  return request;
}

/** The id an operation of the spec takes for one file: its id parameter's example, else one its schema allows. */
function specFileId(doc: Doc, profile: ContractProfile): string {
  for (const kind of ["retrieve", "content", "delete"] as const) {
    const route = profile.operations[kind];
    if (!route) continue;
    const item = doc.paths?.[route.path] ?? {};
    const op = item[route.method] ?? {};
    for (let p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
      if (p?.$ref) p = resolveRef(doc, p.$ref);
      if ((p?.in === "path" || p?.in === "query") && /(^|_)id$/i.test(p.name ?? "")) return String(p.example ?? sampleOf(doc, p.schema) ?? "file-abc123");
    }
  }
  return "file-abc123";
}

export function describeContract<Client extends ContractClient>(suite: ContractSuite<Client>): void {
  const { profile } = suite;
  const spec = suite.spec ?? specFile(profile.name);
  const doc = readSpec(spec);
  const ops = specOperations(spec);
  const schemaCheck = responseChecker(doc);
  const errorNames = { ...DEFAULT_ERROR_NAMES, ...suite.errorNames };
  const kindOf = (op: SpecOperation): FilesOperationName | undefined =>
    (Object.keys(profile.operations) as FilesOperationName[]).find((k) => profile.operations[k]?.method === op.method && profile.operations[k]?.path === op.path);
  let prism: Prism;
  let ctx: ContractContext;
  const violations: string[] = [];
  let seen: Seen[] = [];
  let ran = 0;
  // Sees every answer, so a request Prism found wanting cannot pass unnoticed, and each answer is checked against the spec.
  const watchingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const type = res.headers.get("content-type");
    const text = await res.clone().text();
    let body: unknown = text;
    if (type && /json/.test(type) && text) body = JSON.parse(text);
    const v = res.headers.get("sl-violations");
    if (v) violations.push(`${init?.method ?? "GET"} ${String(input)}: ${v}`);
    seen.push({ status: res.status, type, body, violations: v, url: String(input) });
    return res;
  };
  const client = (headers?: Record<string, string>): Client => suite.create({ baseUrl: prism.url, apiKey: "contract-test-key", headers, fetch: watchingFetch, maxRetries: 0 });

  /** Runs a call with the watching client and checks every answer it received against `method path`. */
  const documented = async <T>(method: string, path: string, run: (c: Client) => Promise<T>): Promise<T> => {
    seen = [];
    const result = await run(client());
    expect(seen.length, "no request was sent").toBeGreaterThan(0);
    for (const s of seen) {
      expect(s.violations, s.url).toBeNull();
      expect(schemaCheck(method, path, s.status, s.type, s.body), s.url).toEqual([]);
    }
    return result;
  };

  /** The call of one spec operation through the client: its Files operation, the package's own method, or the raw client. */
  const call = async (op: SpecOperation, c: Client): Promise<unknown> => {
    const own = suite.calls?.[op.operationId];
    if (own) return own(c, ctx);
    const files = c.files as Record<FilesOperationName, (...args: unknown[]) => Promise<any>>;
    const purposeOption = profile.operations.delete?.purpose ? { purpose: profile.sample.purpose } : undefined;
    switch (kindOf(op)) {
      case "list":
        return files.list(suite.args?.list);
      case "upload":
        return files.upload({ file: ctx.file.path, ...(profile.sample.purpose === undefined ? {} : { purpose: profile.sample.purpose }), ...suite.args?.upload });
      case "retrieve":
        return files.retrieve(ctx.fileId);
      case "content": {
        const res: Response = await files.content(ctx.fileId);
        return { type: res.headers.get("content-type"), text: await res.text() };
      }
      case "delete":
        return files.delete(ctx.fileId, purposeOption);
      default: {
        const raw = c.raw as Record<string, (path: string, init: object) => Promise<{ data?: unknown; response: Response }>>;
        const { data, response } = await raw[op.method.toUpperCase()]!(op.path, rawRequest(doc, op.path, op.method));
        return { data, status: response.status };
      }
    }
  };

  describe(`${profile.name} contract (Prism on ${spec.startsWith(REPO_ROOT) ? spec.slice(REPO_ROOT.length + 1) : spec})`, () => {
    beforeAll(async () => {
      prism = await startPrism({ spec, errors: true, dynamic: suite.dynamic ?? false });
      const upload = suite.uploadFile ?? { name: profile.sample.filename, content: profile.sample.content };
      ctx = { file: await tempFile(upload.content, upload.name), fileId: suite.fileId ?? specFileId(doc, profile) };
    }, 60_000);
    afterAll(async () => {
      await prism?.stop();
      await ctx?.file.cleanup();
      console.log(`contract: ${profile.name} ran ${ran} spec cases (${ops.length} operations)`);
    });

    it("every Files operation of the profile is an operation of the spec", () => {
      const inSpec = new Set(ops.map((o) => `${o.method} ${o.path}`));
      for (const [kind, route] of Object.entries(profile.operations)) expect(inSpec.has(`${route!.method} ${route!.path}`), `${kind}: ${route!.method.toUpperCase()} ${route!.path}`).toBe(true);
      if (suite.minCases !== undefined) expect(ops.reduce((n, o) => n + 1 + o.errorStatuses.length, 0)).toBeGreaterThanOrEqual(suite.minCases);
    });

    for (const op of ops) {
      const kind = kindOf(op);
      const through = suite.calls?.[op.operationId] ? "its own method" : kind ? `files.${kind}` : "raw";
      describe(`${op.method.toUpperCase()} ${op.path} (${op.operationId}, through ${through})`, () => {
        it("answers as documented", async () => {
          ran++;
          const result = await documented(op.method, op.path, (c) => call(op, c));
          suite.check?.[op.operationId]?.(result);
          if (kind) suite.check?.[kind]?.(result);
          expect(violations).toEqual([]);
        });
        for (const status of op.errorStatuses) {
          it(`documented ${status} becomes a typed error`, async () => {
            ran++;
            const err = await call(op, client({ Prefer: `code=${status}` })).then(
              () => undefined,
              (e: unknown) => e,
            );
            expect(err, `${op.operationId} with Prefer: code=${status} did not throw`).toBeInstanceOf(Error);
            // FilesError.isInstance, across copies of @llm-files/core (this package does not depend on it).
            expect((err as Record<symbol, unknown>)[Symbol.for("llm-files.error")], `not a FilesError: ${String(err)}`).toBe(true);
            expect(err).toMatchObject({ provider: profile.name, status });
            const named = errorNames[status] ?? (status >= 500 ? "ServerError" : "InvalidRequestError");
            // A gateway's 502/504 after an upload's whole body: the provider may have stored the
            // file, so it is an OutcomeUnknownError caused by the status's own error.
            if (kind === "upload" && (status === 502 || status === 504)) {
              expect((err as Error).name).toBe("OutcomeUnknownError");
              expect(((err as Error).cause as Error)?.name).toBe(named);
            } else expect((err as Error).name).toBe(named);
            expect((err as Error).message).toMatch(new RegExp(`^${profile.name}: `));
            expect(violations).toEqual([]);
          });
        }
      });
    }

    it("a call without credentials gets a 401 AuthenticationError", async () => {
      // Prism flags the missing credentials as a violation: that is the point here.
      const noAuth: typeof fetch = (input, init) => {
        const headers = new Headers(init?.headers);
        headers.delete(profile.auth?.header ?? "authorization");
        return fetch(input, { ...init, headers });
      };
      const c = suite.create({ baseUrl: prism.url, apiKey: "contract-test-key", fetch: noAuth, maxRetries: 0 });
      const first = ops.find((o) => kindOf(o) === "list") ?? ops[0]!;
      const err = await call(first, c).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ name: "AuthenticationError", provider: profile.name, status: 401 });
    });

    suite.extra?.(() => ({ prism, ctx, violations, documented }));
  });
}
