// Security: the key never shows (not even in Node's debug output), plain http:// to a remote host
// needs an explicit opt-in, and no redirect carries the key to another origin or to plain http.
import { tempFile, type TempFile } from "@llm-files/testing";
import { createFiles } from "@llm-files/unified";
import { PROVIDERS, PURPOSE, authOf, listJson, profileOf, type ProviderName } from "../src/bodies.js";
import { purposeOptions } from "../src/paths.js";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startFaultServer, type Fault, type FaultServer } from "../src/fault-server.js";
import { Tally } from "../src/summary.js";
import { ID, KEY, isTyped, leaksOf } from "./helpers.js";

const tally = new Tally("security");
const started: [label: string, server: FaultServer][] = [];
let file: TempFile;

beforeAll(async () => {
  file = await tempFile("security test\n", "s.txt");
});
afterAll(async () => {
  for (const [label, s] of started) tally.server(label, s);
  await Promise.all(started.map(([, s]) => s.stop()));
  await file.cleanup();
  tally.flush(inject("summaryDir"));
});

async function server(p: ProviderName, fault: Fault, label: string = fault.kind): Promise<FaultServer> {
  const s = await startFaultServer(p, { close: true });
  s.set(fault);
  started.push([`${p} ${label}`, s]);
  return s;
}

function runChild(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./fixtures/debug-child.mjs", import.meta.url))], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 90_000); // a net for a hung child, not a measure
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    }),
  );
}

describe("the key never shows", () => {
  it("not in Node's debug output (NODE_DEBUG=http,net,fetch,undici,tls) nor in logged errors and clients, on every call and fault", async () => {
    const faults: Record<string, Fault> = {
      ok: { kind: "ok" },
      html502: { kind: "html502" },
      echoKey: { kind: "echoKey", where: "errorBody" },
      resetMidBody: { kind: "resetMidBody" },
      hang: { kind: "hang" },
      rateLimited: { kind: "status", status: 429, headers: { "retry-after": "0" } },
    };
    const urls: Record<string, Record<string, string>> = {};
    /** The servers each call reaches first (a redirect's target is reached through the redirecting one). */
    const first: FaultServer[] = [];
    const others: FaultServer[] = [];
    for (const p of PROVIDERS) {
      urls[p] = {};
      const other = await server(p, { kind: "ok" }, "redirect target");
      others.push(other);
      const at = async (name: string, fault: Fault) => {
        const s = await server(p, fault, name);
        first.push(s);
        urls[p]![name] = s.url;
      };
      await at("redirect", { kind: "redirect", status: 307, to: other.url });
      for (const [name, fault] of Object.entries(faults)) await at(name, fault);
      // Where the provider answers errors inside a 200, its own authentication code too.
      const inBody = profileOf(p).inBodyErrors;
      const auth = inBody && Object.entries(inBody.codes).find(([, c]) => c.error === "AuthenticationError")?.[0];
      if (auth) await at(`in-body ${auth}`, { kind: "baseResp", code: Number(auth) });
    }
    // What every call passes, from the profiles: a purpose each takes, its kind of id, the options its list and delete need.
    // The operations each provider has (Gemini's uploads cannot be downloaded: it has no content).
    const opsOf = (p: ProviderName) => (["list", "retrieve", "upload", "content", "delete"] as const).filter((op) => profileOf(p).operations[op]);
    const calling = Object.fromEntries(PROVIDERS.map((p) => [p, { purpose: PURPOSE[p], id: ID[p], list: purposeOptions(p).list, delete: purposeOptions(p).delete, ops: opsOf(p) }]));
    const { code, out } = await runChild({ NODE_DEBUG: "http,net,fetch,undici,tls", REL_KEY: KEY, REL_URLS: JSON.stringify(urls), REL_CALLS: JSON.stringify(calling), REL_FILE: file.path });
    const callsOf = (s: FaultServer) => opsOf(s.provider).length;
    const outcomes = first.reduce((n, s) => n + callsOf(s), 0);
    expect(out, out.slice(-2000)).toContain(`outcomes: ${outcomes}`);
    expect(code).toBe(0);
    // Each outcome counted is a request's: none refused before sending (a ValidationError is a
    // call the provider would not take), and every server got every call.
    const lines = [...out.matchAll(/^outcome: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as { provider: string; fault: string; call: string; ok: boolean; error?: string; field?: string });
    expect(lines).toHaveLength(outcomes);
    expect(lines.filter((o) => o.error === "ValidationError")).toEqual([]);
    for (const s of first) expect(s.received(), `${s.provider} server at ${s.url}: requests`).toBeGreaterThanOrEqual(callsOf(s));
    for (const s of others) expect(s.received(), `${s.provider} redirect target: requests`).toBeGreaterThanOrEqual(callsOf(s));
    // The output is real: Node's debug lines are there, and an echoed key was printed redacted.
    expect(out).toMatch(/^(HTTP|NET) \d+:/m);
    expect(out).toContain("[redacted]");
    const at = out.indexOf(KEY);
    expect(at, `the key at: ${out.slice(Math.max(0, at - 300), at + 100)}`).toBe(-1);
    tally.scenario(outcomes);
    const failed = lines.filter((o) => !o.ok).length;
    tally.note(`debug run: ${outcomes} calls in a child under NODE_DEBUG (${PROVIDERS.length} providers; ${outcomes - failed} answered, ${failed} typed errors, 0 refused before sending), ${(out.length / 1024).toFixed(0)} KiB of output, key found 0 times`);
  });

  it("not in util.inspect or JSON of a facade, with the key given or read from the environment", async () => {
    for (const p of PROVIDERS) {
      const given = createFiles({ provider: p, apiKey: KEY, baseUrl: "http://127.0.0.1:9" });
      const keyVariable = profileOf(p).env.apiKey;
      process.env[keyVariable] = KEY;
      try {
        const fromEnv = createFiles({ provider: p, baseUrl: "http://127.0.0.1:9" });
        for (const f of [given, fromEnv]) {
          expect(inspect(f, { showHidden: true, depth: Infinity })).not.toContain(KEY);
          expect(JSON.stringify(f)).not.toContain(KEY);
          expect(String(f)).not.toContain(KEY);
        }
        // An error from the environment's key, echoed back by the server, is redacted as well.
        const s = await server(p, { kind: "echoKey", where: "errorBody" });
        const err = await createFiles({ provider: p, baseUrl: s.url, maxRetries: 0 })
          .retrieve(ID[p])
          .catch((e: unknown) => e);
        expect(isTyped(err) && err.name).toBe("AuthenticationError");
        expect(leaksOf(err)).toEqual([]);
        tally.error(err);
      } finally {
        delete process.env[keyVariable];
      }
      tally.scenario(2);
    }
  });
});

describe("plain http:// and redirects", () => {
  it("a base URL over http:// to a non-loopback host is refused, from options or the environment", async () => {
    for (const p of PROVIDERS) {
      // The provider's own server over plain http, and hosts that only look local.
      const hosts = [profileOf(p).defaultBaseUrl.replace(/^https:/, "http:"), "http://files.example.com:8080/v1", "http://127.0.0.1.nip.io", "http://10.0.0.5", "http://[2001:db8::1]"];
      for (const baseUrl of hosts) {
        const err: any = (() => {
          try {
            createFiles({ provider: p, apiKey: KEY, baseUrl });
          } catch (e) {
            return e;
          }
        })();
        expect(err?.name, `${p} ${baseUrl}`).toBe("ValidationError");
        expect(err.field).toBe("baseUrl");
        expect(err.message).toContain("allowInsecureHttp");
        tally.error(err);
      }
      const name = profileOf(p).env.baseUrl;
      process.env[name] = "http://api.example.com";
      try {
        expect(() => createFiles({ provider: p, apiKey: KEY })).toThrow(expect.objectContaining({ name: "ValidationError", field: name }));
      } finally {
        delete process.env[name];
      }
      // Loopback stays allowed without the opt-in (every test here relies on it).
      for (const ok of ["http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1"]) expect(() => createFiles({ provider: p, apiKey: KEY, baseUrl: ok })).not.toThrow();
      tally.scenario(hosts.length + 4);
    }
  });

  it("with allowInsecureHttp: true the same URL is used, over http:// (seen by a fetch that never leaves the process)", async () => {
    for (const p of PROVIDERS) {
      const seen: { url: string; auth: string | null }[] = [];
      const body = listJson(p, []);
      const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        seen.push({ url: String(input), auth: new Headers(init?.headers).get(authOf(p).header) });
        return new Response(body, { headers: { "content-type": "application/json" } });
      };
      const files = createFiles({ provider: p, apiKey: KEY, baseUrl: "http://files.example.com", allowInsecureHttp: true, fetch } as never) as any;
      expect(await files.list(purposeOptions(p).list)).toEqual([]);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.url.startsWith("http://files.example.com/")).toBe(true);
      expect(seen[0]!.auth).toBe(`${authOf(p).prefix}${KEY}`);
      tally.scenario();
    }
  });

  it("a redirect from https:// down to plain http:// is refused before anything is sent there", async () => {
    for (const p of PROVIDERS) {
      const seen: string[] = [];
      const fetch = async (input: RequestInfo | URL) => {
        seen.push(String(input));
        return new Response(null, { status: 302, headers: { location: "http://evil.example.com/steal" } });
      };
      const err: any = await (createFiles({ provider: p, apiKey: KEY, baseUrl: "https://api.example.com", fetch, maxRetries: 0 } as never) as any)
        .retrieve(ID[p])
        .catch((e: unknown) => e);
      expect(err?.name).toBe("ConnectionError");
      expect(err.message).toContain("plain http");
      expect(seen.every((u) => u.startsWith("https://api.example.com/"))).toBe(true);
      expect(leaksOf(err)).toEqual([]);
      tally.error(err);
      tally.scenario();
    }
  });
});
