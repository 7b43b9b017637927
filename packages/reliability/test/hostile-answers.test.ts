// Issue 12, classes 2, 5 and 6: one way to read an answer, redirected uploads, downloads as
// bytes. Each table runs on every path (facade / provider package x built-in transport, which
// uploads through node:http, / own fetch) and every provider, against one loopback server.
import { tempFile, type TempFile } from "@llm-files/testing";
import { createHash } from "node:crypto";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ANSWERS, FILE_ID, PROVIDERS, authOf, profileOf, successBody, type Provider } from "../src/bodies.js";
import { startHostileServer, type Answer, type HostileServer } from "../src/hostile-server.js";
import { PATHS, client, settle } from "../src/paths.js";
import { Tally } from "../src/summary.js";
import { KEY, leaksOf, resumable } from "./helpers.js";

const answers = new Tally("2 one way to read an answer");
const redirects = new Tally("5 redirects and 204");
const downloads = new Tally("6 downloads are bytes");
/** Class 2's server, class 5's two origins, class 6's server: each section counts its own servers' requests. */
let server: HostileServer;
let redirecting: HostileServer;
let other: HostileServer;
let downloadServer: HostileServer;
let file: TempFile;
let small: TempFile;
const ok: Answer = ({ provider, op, res }) => res.writeHead(200, { "content-type": "application/json" }).end(successBody(provider, op));

beforeAll(async () => {
  server = await startHostileServer(ok);
  redirecting = await startHostileServer(ok);
  other = await startHostileServer(ok);
  downloadServer = await startHostileServer(ok);
  answers.server("hostile server", server);
  redirects.server("hostile server", redirecting);
  redirects.server("another origin", other);
  downloads.server("hostile server", downloadServer);
  file = await tempFile("redirected upload bytes\n".repeat(1000), "r.txt");
  small = await tempFile("tiny\n", "s.txt");
});

afterAll(async () => {
  await Promise.all([server.stop(), redirecting.stop(), other.stop(), downloadServer.stop(), file.cleanup(), small.cleanup()]);
  for (const t of [answers, redirects, downloads]) t.flush(inject("summaryDir"));
});

const ENCODINGS: Record<string, ((b: Buffer) => Buffer) | undefined> = { identity: undefined, gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
const TYPES: (string | undefined)[] = ["application/json; charset=utf-8", "text/plain", undefined];
/**
 * Where a provider answers errors inside a 200 (its profile's inBodyErrors), its authentication
 * error so answered: JSON text, or undefined for a provider that has none.
 */
const inBodyAuth = (p: Provider): string | undefined => {
  const inBody = profileOf(p).inBodyErrors;
  const code = inBody && Object.entries(inBody.codes).find(([, c]) => c.error === "AuthenticationError")?.[0];
  return code === undefined ? undefined : ANSWERS[p].text(ANSWERS[p].status(Number(code), "authentication failed"));
};

describe("class 2: body decoding and JSON handling do not depend on the path or the Content-Type", () => {
  it("encodings x Content-Types x BOM x (success, in-body authentication error) x ops x paths x providers", async () => {
    let cases = 0;
    let turn = 0;
    // Every combination runs for each provider whose ids are int64 or whose errors come inside a
    // 2xx (what decoding could break: digits, a status object read as "no files"), and for one
    // other provider in turn: decoding is core's, the same for every other shape.
    const always = PROVIDERS.filter((p) => profileOf(p).ids === "int64" || profileOf(p).inBodyErrors);
    const others = PROVIDERS.filter((p) => !always.includes(p));
    for (const [encoding, encode] of Object.entries(ENCODINGS)) {
      for (const type of TYPES) {
        for (const bom of [false, true]) {
          for (const p of [...always, others[turn++ % others.length]!]) {
            const auth = inBodyAuth(p);
            for (const kind of auth ? (["success", "in-body authentication error"] as const) : (["success"] as const)) {
              server.answer = ({ provider, op, res }) => {
                const text = kind === "success" ? successBody(provider, op) : auth!;
                let body = Buffer.from((bom ? "\ufeff" : "") + text, "utf8");
                if (encode) body = encode(body) as Buffer<ArrayBuffer>;
                // Framing alternates: with Content-Length, or chunked (openapi-fetch then parses text() itself).
                const chunked = (Object.keys(ENCODINGS).indexOf(encoding) + TYPES.indexOf(type)) % 2 === 0;
                const headers: Record<string, string> = chunked ? {} : { "content-length": String(body.length) };
                if (type) headers["content-type"] = type;
                if (encode) headers["content-encoding"] = encoding;
                res.writeHead(200, headers).end(body);
              };
              for (const path of PATHS) {
                const c = client(path, p, { apiKey: KEY, baseUrl: server.base(p) });
                const label = `${encoding} | ${type ?? "no Content-Type"} | ${bom ? "BOM" : "no BOM"} | ${kind} | ${path} | ${p}`;
                const ops: [string, () => Promise<unknown>][] = [
                  ["retrieve", () => c.retrieve()],
                  ["upload", () => c.upload({ file: small.path })],
                  ["list", () => c.list()],
                ];
                for (const [op, run] of ops) {
                  const outcome = await settle(run);
                  if (kind === "success") {
                    expect(outcome.ok, `${label} | ${op}: ${(outcome as any).error}`).toBe(true);
                    const value = (outcome as any).value;
                    const first = op === "list" ? value[0] : value;
                    // Exact ids: int64 ones beyond 2^53 digit for digit, whatever the label said.
                    expect(c.idOf(first), `${label} | ${op}`).toBe(FILE_ID[p]);
                  } else {
                    expect((outcome as any).error?.name, `${label} | ${op}: read as ${JSON.stringify((outcome as any).value)}`).toBe("AuthenticationError");
                    expect(leaksOf((outcome as any).error)).toEqual([]);
                    answers.error((outcome as any).error);
                  }
                  cases++;
                }
              }
            }
          }
        }
      }
    }
    server.answer = ok;
    answers.scenario(cases);
    answers.note(`${cases} answers (4 encodings x 3 Content-Types incl. none, chunked or with a length, x BOM or not x ops x ${PATHS.length} paths x the providers with int64 ids or in-body errors, and one other in turn): every id exact, every in-body authentication error an AuthenticationError (never "no files")`);
  });

  it("a body that is not JSON is a ServerError naming what came, on every path (even a 200 labelled JSON)", async () => {
    let cases = 0;
    for (const [name, type, body] of [
      ["HTML labelled text/html", "text/html", "<html>captive portal</html>"],
      ["HTML labelled application/json", "application/json", "<html>gateway</html>"],
      ["an empty text/plain 200", "text/plain", ""],
      ["a UTF-16 body labelled so, with a BOM", "application/json; charset=utf-16le", undefined],
    ] as const) {
      for (const p of PROVIDERS) {
        server.answer = ({ provider, op, res }) => {
          const bytes = body === undefined ? Buffer.from("\ufeff" + successBody(provider, op), "utf16le") : Buffer.from(body);
          res.writeHead(200, { "content-type": type, "content-length": String(bytes.length) }).end(bytes);
        };
        for (const path of PATHS) {
          const outcome = await settle(() => client(path, p, { apiKey: KEY, baseUrl: server.base(p) }).retrieve());
          if (body === undefined) expect(outcome.ok, `${name} | ${path} | ${p}: ${(outcome as any).error}`).toBe(true);
          else expect((outcome as any).error?.name, `${name} | ${path} | ${p}`).toBe("ServerError");
          cases++;
        }
      }
    }
    server.answer = ok;
    answers.scenario(cases);
  });
});

describe("class 5: redirected uploads arrive well-formed at the new origin without the key, or fail clearly; 204 means deleted", () => {
  const sha = () => createHash("sha256").update("redirected upload bytes\n".repeat(1000)).digest("hex");
  it("307/308 to another origin and to the same origin, on every path and provider", async () => {
    let cases = 0;
    for (const status of [307, 308] as const) {
      for (const target of ["another origin", "the same origin"] as const) {
        for (const p of PROVIDERS) {
          for (const path of PATHS) {
            const dest = target === "another origin" ? other : redirecting;
            let hops = 0;
            redirecting.answer = ({ provider, op, req, res }) => {
              if (op === "upload" && hops++ === 0) return res.writeHead(status, { location: `${dest.url}${req.url}` }).end();
              ok({ provider, op, req, res });
            };
            const before = dest.requests.length;
            dest.uploads.length = 0;
            const outcome = await settle(() => client(path, p, { apiKey: KEY, baseUrl: redirecting.base(p) }).upload({ file: file.path }));
            const label = `${status} to ${target} | ${path} | ${p}`;
            expect(outcome.ok, `${label}: ${(outcome as any).error}`).toBe(true);
            const arrived = dest.requests.at(-1)!;
            expect(dest.requests.length - before, label).toBeGreaterThanOrEqual(1);
            // Well-formed: the boundary in the header is the body's (a resumable upload: its
            // finalizing chunk, redirected, completes the session), the file's bytes exact.
            const part = dest.uploads.at(-1)!.find((x) => x.name === "file");
            expect(part?.sha256, `${label}: the file at the new origin`).toBe(sha());
            const { header, prefix } = authOf(p);
            if (target === "another origin") expect(arrived.headers[header], `${label}: the key went to another origin`).toBeUndefined();
            else expect(arrived.headers[header], label).toBe(`${prefix}${KEY}`);
            cases++;
          }
        }
      }
    }
    redirecting.answer = ok;
    redirects.scenario(cases);
    redirects.note(`${cases} redirected uploads (307/308, other and same origin): every one arrived with the file's exact bytes under the announced boundary, the key only at the same origin`);
  });

  it("a stream (readable once) redirected by 307 fails clearly, naming what to pass instead (a resumable upload holds each chunk: it follows)", async () => {
    let cases = 0;
    for (const p of PROVIDERS) {
      // A resumable upload sends a stream chunk by chunk, each held in memory: a redirected chunk is sent again whole.
      const sessions = resumable(p);
      for (const path of PATHS) {
        redirecting.answer = ({ provider, op, req, res }) => (op === "upload" ? res.writeHead(307, { location: `${other.url}${req.url}` }).end() : ok({ provider, op, req, res }));
        const stream = new Blob(["once only\n"]).stream();
        other.uploads.length = 0;
        const outcome = await settle(() => client(path, p, { apiKey: KEY, baseUrl: redirecting.base(p) }).upload({ file: stream, filename: "s.txt" }));
        if (sessions) {
          expect(outcome.ok, `${path} | ${p}: ${(outcome as any).error}`).toBe(true);
          expect(other.uploads.at(-1)?.[0]).toMatchObject({ bytes: 10, sha256: createHash("sha256").update("once only\n").digest("hex") });
        } else {
          expect((outcome as any).error?.message, `${path} | ${p}`).toMatch(/redirected \(307\).*pass a path, Blob or bytes/);
          redirects.error((outcome as any).error);
        }
        cases++;
      }
    }
    redirecting.answer = ok;
    redirects.scenario(cases);
  });

  it("a 204 answer to delete means deleted, on every path and provider", async () => {
    let cases = 0;
    redirecting.answer = ({ provider, op, req, res }) => (op === "delete" ? res.writeHead(204).end() : ok({ provider, op, req, res }));
    for (const p of PROVIDERS) {
      for (const path of PATHS) {
        const outcome = await settle(() => client(path, p, { apiKey: KEY, baseUrl: redirecting.base(p) }).delete());
        expect(outcome.ok, `${path} | ${p}: ${(outcome as any).error}`).toBe(true);
        const v = (outcome as any).value;
        const result = profileOf(p).operations.delete!.result;
        if (path.startsWith("facade")) expect(v).toMatchObject({ deleted: true });
        // The package's own answer: the id, and `deleted: true` where its delete answers one.
        else expect(v).toEqual({ [result.id ?? profileOf(p).file.id]: FILE_ID[p], ...(result.deleted ? { [result.deleted]: true } : {}) });
        cases++;
      }
    }
    redirecting.answer = ok;
    redirects.scenario(cases);
  });
});

describe("class 6: downloads are bytes, never parsed, never capped, whatever the Content-Type", () => {
  const big = Buffer.alloc(20 * 1024 * 1024, '{"a":1}\n');
  const bodies: [string, string, Buffer][] = [
    ["JSONL served as application/json", "application/json", Buffer.from('{"custom_id":"1"}\n{"custom_id":"2"}\n')],
    ["a 20 MB JSON file served as application/json", "application/json", big],
    ["JSON that mentions base_resp (status 0) as application/json", "application/json", Buffer.from('{"base_resp":{"status_code":0},"data":[1,2,3]}')],
    ["bytes with a BOM (kept: they are the file's)", "text/plain; charset=utf-8", Buffer.from("\ufeffhello\n")],
  ];
  it("bodies x paths x providers: the exact bytes", async () => {
    let cases = 0;
    for (const [name, type, bytes] of bodies) {
      const sha = createHash("sha256").update(bytes).digest("hex");
      downloadServer.answer = ({ provider, op, req, res }) => (op === "content" ? res.writeHead(200, { "content-type": type, "content-length": String(bytes.length) }).end(bytes) : ok({ provider, op, req, res }));
      // Where the profile has a content operation (Gemini's uploads cannot be downloaded).
      for (const p of PROVIDERS.filter((x) => profileOf(x).operations.content)) {
        // The 20 MB body runs on one path per provider, the paths in turn (twice where the
        // provider answers errors in the body, whose client peeks at a download for them).
        const i = PROVIDERS.indexOf(p);
        const twice = Boolean(profileOf(p).inBodyErrors);
        const paths = bytes === big ? PATHS.filter((_, k) => k === i % PATHS.length || (twice && k === (i + 2) % PATHS.length)) : PATHS;
        for (const path of paths) {
          // The default retries (a reused keep-alive socket the server just closed is an
          // ECONNRESET before any byte: retried); the claim here is about the bytes.
          const outcome = await settle(async () => Buffer.from(await (await client(path, p, { apiKey: KEY, baseUrl: downloadServer.base(p), maxRetries: 2 }).content()).arrayBuffer()));
          expect(outcome.ok, `${name} | ${path} | ${p}: ${(outcome as any).error}`).toBe(true);
          const got = (outcome as { value: Buffer }).value;
          expect(got.length, `${name} | ${path} | ${p}`).toBe(bytes.length);
          expect(createHash("sha256").update(got).digest("hex"), `${name} | ${path} | ${p}`).toBe(sha);
          cases++;
        }
      }
    }
    downloadServer.answer = ok;
    downloads.scenario(cases);
    downloads.note(`${cases} downloads (JSONL as JSON, a 20 MB JSON file over the 16 MiB JSON cap, BOM kept): every byte delivered as sent`);
  });
  it("an in-body authentication error sent for a download is still a typed error (every provider whose profile has in-body errors)", async () => {
    const inBody = PROVIDERS.filter((p) => inBodyAuth(p));
    for (const p of inBody) {
      downloadServer.answer = ({ provider, op, req, res }) => (op === "content" ? res.writeHead(200, { "content-type": "text/plain" }).end(inBodyAuth(provider)) : ok({ provider, op, req, res }));
      for (const path of PATHS) {
        const outcome = await settle(() => client(path, p, { apiKey: KEY, baseUrl: downloadServer.base(p) }).content());
        expect((outcome as any).error?.name, `${path} | ${p}`).toBe("AuthenticationError");
        downloads.scenario();
      }
    }
    downloadServer.answer = ok;
  });
});
