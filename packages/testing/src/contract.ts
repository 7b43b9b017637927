// Spec-driven contract tests: every operation of a spec, called through a provider's
// client against Prism started from that spec, once for success and once for each
// documented error status (Prism's `Prefer: code=`). Prism runs with --errors, so any
// request that breaks the spec fails the call; no response may carry sl-violations.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT, startPrism, type Prism, type Provider } from "./prism.js";
import { tempFile, type TempFile } from "./files.js";

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  /** Documented statuses other than 2xx. */
  errorStatuses: number[];
}

const METHODS = ["get", "put", "post", "delete", "patch"];

/** The operations of specs/<provider>/openapi.yaml, read from the file itself. */
export function specOperations(provider: string): SpecOperation[] {
  const doc = parse(readFileSync(join(REPO_ROOT, "specs", provider, "openapi.yaml"), "utf8"));
  const ops: SpecOperation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
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

export interface ContractContext {
  /** A small real file on disk, created for the suite. */
  file: TempFile;
}

export interface OperationContract<Client> {
  call(client: Client, ctx: ContractContext): Promise<unknown>;
  /** Assertions on the parsed success result. */
  check(result: any): void;
}

export interface ContractSuite<Client> {
  provider: Provider;
  /** Creates a client; `options` carries baseUrl, apiKey, headers and fetch. */
  create(options: { baseUrl: string; apiKey: string; headers?: Record<string, string>; fetch?: typeof fetch; maxRetries?: number }): Client;
  /** Contents of the upload file (written to disk once). */
  uploadFile: { name: string; content: string };
  operations: Record<string, OperationContract<Client>>;
  /** How many success + error cases the spec must yield; guards against silent shrinkage. */
  expectedCases: number;
  /** The typed error classes' check: (error, status) => void. */
  checkError(error: unknown, status: number): void;
  /** Extra tests with the running Prism (e.g. raw client calls). */
  extra?(get: () => { prism: Prism; ctx: ContractContext; violations: string[] }): void;
}

export function describeContract<Client>(suite: ContractSuite<Client>): void {
  const ops = specOperations(suite.provider);
  let prism: Prism;
  let ctx: ContractContext;
  const violations: string[] = [];
  let ran = 0;
  // Sees every response, so a request Prism found wanting cannot pass unnoticed.
  const watchingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const v = res.headers.get("sl-violations");
    if (v) violations.push(`${init?.method ?? "GET"} ${String(input)}: ${v}`);
    return res;
  };
  const client = (headers?: Record<string, string>) =>
    suite.create({ baseUrl: prism.url, apiKey: "contract-test-key", headers, fetch: watchingFetch, maxRetries: 0 });

  describe(`${suite.provider} contract (Prism on specs/${suite.provider}/openapi.yaml)`, () => {
    beforeAll(async () => {
      prism = await startPrism({ provider: suite.provider, errors: true });
      ctx = { file: await tempFile(suite.uploadFile.content, suite.uploadFile.name) };
    }, 60_000);
    afterAll(async () => {
      await prism?.stop();
      await ctx?.file.cleanup();
      console.log(`contract: ${suite.provider} ran ${ran} spec cases (${ops.length} operations)`);
    });

    it("covers every operation the spec has, and no more", () => {
      expect(Object.keys(suite.operations).sort()).toEqual(ops.map((o) => o.operationId).sort());
      expect(ops.reduce((n, o) => n + 1 + o.errorStatuses.length, 0)).toBe(suite.expectedCases);
    });

    for (const op of ops) {
      const contract = suite.operations[op.operationId];
      describe(`${op.method.toUpperCase()} ${op.path} (${op.operationId})`, () => {
        it("succeeds with the documented body", async () => {
          ran++;
          const result = await contract!.call(client(), ctx);
          contract!.check(result);
          expect(violations).toEqual([]);
        });
        for (const status of op.errorStatuses) {
          it(`documented ${status} becomes a typed error`, async () => {
            ran++;
            const err = await contract!.call(client({ Prefer: `code=${status}` }), ctx).then(
              () => undefined,
              (e) => e,
            );
            suite.checkError(err, status);
            expect(violations).toEqual([]);
          });
        }
      });
    }

    it("a call without credentials gets a 401 AuthenticationError", async () => {
      // Prism flags the missing credentials as a violation: that is the point here.
      const noAuth: typeof fetch = (input, init) => {
        const headers = new Headers(init?.headers);
        headers.delete("authorization");
        return fetch(input, { ...init, headers });
      };
      const c = suite.create({ baseUrl: prism.url, apiKey: "contract-test-key", fetch: noAuth, maxRetries: 0 });
      const first = Object.values(suite.operations).find(Boolean)!;
      const err = await first.call(c, ctx).then(
        () => undefined,
        (e) => e,
      );
      suite.checkError(err, 401);
    });

    suite.extra?.(() => ({ prism, ctx, violations }));
  });
}
