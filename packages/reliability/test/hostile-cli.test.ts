// Issue 12, class 7: the CLI under hostile servers and careless use. The real bin as a child
// process against one loopback server: a closed stdout pipe ends quietly with 0; server text
// reaches the terminal escaped; --json gives one document for every outcome; one message per
// error in the CLI's own words; --version; rm --all never deletes unasked without a terminal.
import { tempFile, type TempFile } from "@llm-files/testing";
import { spawn } from "node:child_process";
import { PassThrough, Readable } from "node:stream";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ANSWERS, FILE_ID, PROVIDERS, PURPOSE, fileObject, listJson, profileOf, successBody, type Provider } from "../src/bodies.js";
import { purposeOptions } from "../src/paths.js";
import { startHostileServer, type Answer, type HostileServer } from "../src/hostile-server.js";
import { Tally } from "../src/summary.js";
import { KEY } from "./helpers.js";

const BIN = join(dirname(createRequire(import.meta.url).resolve("@llm-files/cli/package.json")), "dist/bin.js");
const tally = new Tally("7 CLI");
let server: HostileServer;
let upFile: TempFile;
let badKey: TempFile;
const ok: Answer = ({ provider, op, res }) => res.writeHead(200, { "content-type": "application/json" }).end(successBody(provider, op));
const RAW = /[\u001b\u0007\r\u009b]/;
const ID = FILE_ID;
/** The --purpose a provider's `ls` needs (where its list names one purpose at a time). */
const lsPurpose = (p: Provider) => (purposeOptions(p).list.purpose ? ["--purpose", PURPOSE[p]] : []);
/** The provider's key variable, holding the test key. */
const keyEnv = (p: Provider) => ({ [profileOf(p).env.apiKey]: KEY });

beforeAll(async () => {
  server = await startHostileServer(ok);
  tally.server("hostile server", server);
  upFile = await tempFile("cli upload\n", "up.txt");
  badKey = await tempFile(`\u001b[200~${KEY}\u001b[201~`, "key");
});
afterAll(async () => {
  await Promise.all([server.stop(), upFile.cleanup(), badKey.cleanup()]);
  tally.flush(inject("summaryDir"));
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in this process (its real `run`, given stdio streams that are not terminals): a
 * process per row would cost ~1 s each on a busy machine. The closed-pipe row runs the real bin.
 */
async function inProcess(provider: Provider, args: string[], env: Record<string, string> = {}): Promise<Ran> {
  const { run } = (await import(join(dirname(BIN), "cli.js"))) as { run: (argv: string[], io: unknown) => Promise<number> };
  const collect = () => {
    const s = new PassThrough();
    let text = "";
    s.on("data", (d: Buffer) => (text += d.toString("utf8")));
    return { s, text: () => text };
  };
  const out = collect();
  const err = collect();
  const stdin = Object.assign(Readable.from([]), { isTTY: false });
  const code = await run(["-p", provider, ...args], { stdout: out.s, stderr: err.s, stdin, env: { ...keyEnv(provider), ...env } });
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out.text(), stderr: err.text() };
}

/** Runs the bin; `headBytes` closes our end of its stdout after that many bytes (like `| head -c N`). */
function cli(provider: Provider, args: string[], o: { headBytes?: number; env?: Record<string, string> } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, "-p", provider, ...args], {
      env: { PATH: process.env.PATH!, ...keyEnv(provider), ...o.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdin.end();
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString("latin1");
      if (o.headBytes !== undefined && stdout.length >= o.headBytes) child.stdout.destroy();
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
const at = (p: Provider, args: string[], env: Record<string, string> = {}) => inProcess(p, ["--base-url", server.base(p), ...args], env);

/** A list whose file carries terminal escapes in every server-supplied string. */
const EVIL = "evil\u001b]0;pwned\u0007\u001b[2J\r\u009b31m.txt";
const evilList: Answer = ({ provider, op, req, res }) => {
  if (op !== "list" && op !== "retrieve") return ok({ provider, op, req, res });
  const file = { ...fileObject(provider), [profileOf(provider).file.filename]: EVIL };
  res.writeHead(200, { "content-type": "application/json" }).end(op === "list" ? listJson(provider, [file]) : successBody(provider, "retrieve", file));
};
/** A 404 whose message carries escapes in every place a provider's errors are read from (its in-body status object too). */
const evilError: Answer = ({ provider, res }) => {
  const gone = "gone\u001b[2J\u0007\r";
  const inBody = profileOf(provider).inBodyErrors;
  const code = inBody && Object.entries(inBody.codes).find(([, c]) => c.error === "InvalidRequestError")?.[0];
  res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: gone }, message: gone, ...(code ? ANSWERS[provider].status(Number(code), gone) : {}) }));
};

/**
 * A row, and which providers it runs for: "every" provider where what it checks depends on the
 * provider's shape (its answers, ids, purposes), else "one", the providers taking turns row by
 * row (the CLI's own handling, the same for all). `applies` leaves out a provider whose profile
 * says the row cannot be (no content operation).
 */
type Row = [name: string, answer: Answer, run: (p: Provider) => Promise<Ran>, check: (r: Ran, p: Provider) => void, runs?: { on: "every" | "one"; applies?: (p: Provider) => boolean }];
/** The --purpose an upload takes (none where the provider's files have none). */
const uploadPurpose = (p: Provider) => (PURPOSE[p] === undefined ? [] : ["--purpose", PURPOSE[p]]);
const hasContent = (p: Provider) => profileOf(p).operations.content !== undefined;

const rows: Row[] = [
  [
    "content | head -c 10 (a closed pipe): quiet, status 0",
    ({ provider, op, req, res }) => (op === "content" ? res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.alloc(4 * 1024 * 1024, 0x61)) : ok({ provider, op, req, res })),
    (p) => cli(p, ["--base-url", server.base(p), "content", ID[p]], { headBytes: 10 }),
    (r) => {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
    },
    { on: "every", applies: hasContent },
  ],
  ["content of a provider with no download: exit 7, one line naming why, nothing requested", ok, (p) => at(p, ["content", ID[p]]), (r) => {
    expect(r.code).toBe(7);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/has no content operation/);
  }, { on: "every", applies: (p) => !hasContent(p) }],
  ["ls of a file named with ESC/BEL/CR/CSI: escaped", evilList, (p) => at(p, ["ls", ...lsPurpose(p)]), (r) => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain("\\u001b");
  }],
  ["--json ls of that file: escaped in the text, the exact name once parsed", evilList, (p) => at(p, ["--json", "ls", ...lsPurpose(p)]), (r) => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(JSON.parse(r.stdout)[0].filename).toBe(EVIL);
  }],
  ["get of that file: escaped", evilList, (p) => at(p, ["get", ID[p]]), (r) => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
  }],
  ["an error message with escapes: escaped, one line", evilError, (p) => at(p, ["get", ID[p]]), (r) => {
    expect(r.code).not.toBe(0);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  }],
  ["--debug with an escaped body", evilError, (p) => at(p, ["--debug", "get", ID[p]]), (r) => {
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).not.toContain(KEY);
  }, { on: "one" }],
  ["--json get of a missing file: one JSON document", evilError, (p) => at(p, ["--json", "get", ID[p]]), (r) => {
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(["NotFoundError", "InvalidRequestError"]).toContain(doc.error.name);
    expect(r.code).toBe(doc.error.exitCode);
  }],
  [
    "--json rm of two ids, the second missing: what happened to each",
    ({ provider, op, id, req, res }) => {
      if (op === "delete" && id === ANSWERS[provider].id(2)) return res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"no such file"},"message":"no such file"}');
      ok({ provider, op, req, res });
    },
    (p) => at(p, ["--json", "rm", ANSWERS[p].id(1), ANSWERS[p].id(2), ...(purposeOptions(p).delete.purpose ? ["--purpose", PURPOSE[p]] : []), "--yes"]),
    (r, p) => {
      const doc = JSON.parse(r.stdout);
      expect(doc.ok).toBe(false);
      expect(doc.deleted).toEqual([ANSWERS[p].id(1)]);
      expect(doc.failed.map((f: { id: string }) => f.id)).toEqual([ANSWERS[p].id(2)]);
      expect(r.code).not.toBe(0);
    },
  ],
  ["--json usage error: a JSON document too", ok, (p) => at(p, ["--json", "frobnicate"]), (r) => {
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { name: "UsageError" } });
    expect(r.code).toBe(2);
  }, { on: "one" }],
  ["--json upload of a missing file: a JSON document naming it", ok, (p) => at(p, ["--json", "upload", "/nonexistent/x.txt", ...uploadPurpose(p)]), (r) => {
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: false, uploaded: [], failed: [{ file: "/nonexistent/x.txt" }] });
  }],
  ["--json with no key: a JSON document", ok, (p) => at(p, ["--json", "ls"], { [profileOf(p).env.apiKey]: "" }), (r) => {
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { name: "ValidationError", field: "apiKey" } });
    expect(r.code).toBe(3);
  }, { on: "one" }],
  ["plain http to another host: the CLI's flag named", ok, (p) => inProcess(p, ["--base-url", "http://files.example.com", "ls"]), (r) => {
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--allow-insecure-http");
    expect(r.stderr).toContain("--base-url");
    expect(r.stderr).not.toMatch(/allowInsecureHttp|baseUrl/);
  }, { on: "one" }],
  ["--allow-insecure-http lets it through", ok, (p) => inProcess(p, ["--base-url", server.base(p).replace("127.0.0.1", "0.0.0.0"), "--allow-insecure-http", "ls", ...lsPurpose(p)]), (r) => {
    expect(r.code, r.stderr).toBe(0);
  }, { on: "one" }],
  ["--timeout beyond what timers can wait: named as --timeout", ok, (p) => at(p, ["--timeout", "99999999999", "ls"]), (r) => {
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^llm-files: --timeout: /);
    expect(r.stderr).not.toContain("timeoutMs");
  }, { on: "one" }],
  ["a key file holding a bracketed paste: refused, the key not shown", ok, (p) => at(p, ["--api-key-file", badKey.path, "ls"]), (r) => {
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/U\+001B \(ESC/);
    expect(r.stderr).not.toContain(KEY);
    expect(r.stderr).not.toMatch(RAW);
  }, { on: "one" }],
  ["--version", ok, (p) => inProcess(p, ["--version"]), (r) => {
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  }, { on: "one" }],
];

describe("class 7: the CLI", () => {
  it("rows x providers", async () => {
    let cases = 0;
    let turn = 0;
    for (const [name, answer, run, check, runs = { on: "every" } as NonNullable<Row[4]>] of rows) {
      const eligible = PROVIDERS.filter((p) => runs.applies?.(p) ?? true);
      for (const p of runs.on === "every" ? eligible : [eligible[turn++ % eligible.length]!]) {
        server.answer = answer;
        const r = await run(p);
        server.answer = ok;
        try {
          check(r, p);
        } catch (err) {
          throw new Error(`${name} | ${p}: ${(err as Error).message}\nstdout: ${JSON.stringify(r.stdout.slice(0, 400))}\nstderr: ${JSON.stringify(r.stderr.slice(0, 400))}`);
        }
        cases++;
      }
    }
    tally.scenario(cases);
    tally.note(`${cases} CLI runs (${rows.length} rows, each on every provider where it depends on the provider's shape, else on one, in turn): closed pipe exits 0, no raw ESC/BEL/CR/CSI on stdout or stderr, one JSON document per --json outcome, messages name the CLI's flags`);
  });

  it("rm --all never deletes without --yes when stdin is not a terminal (not even one file)", async () => {
    for (const p of PROVIDERS) {
      // Every file of a purpose, or every file where the provider's files have none.
      const purpose = uploadPurpose(p);
      const before = server.requests.length;
      const r = await at(p, ["rm", "--all", ...purpose]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/pass --yes/);
      expect(server.requests.length - before, `${p}: requests`).toBe(0);
      const yes = await at(p, ["--json", "rm", "--all", ...purpose, "--yes"]);
      expect(JSON.parse(yes.stdout).deleted, `${p}: ${yes.stdout} ${yes.stderr}`).toEqual([ID[p]]);
      tally.scenario(2);
    }
  });
});
