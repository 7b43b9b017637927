// The CLI against Prism and against a loopback fault server: the commands through run(argv, io)
// in this process (what bin.ts calls, with in-memory stdout/stderr and a closed, non-TTY stdin:
// a child Node per call cost ~0.6 s of CPU each), and the real bin as a child process where the
// process itself is what is tested: exit statuses (usage, a missing key, a key file), and a
// pseudo-terminal (progress bars, the rm prompt).
import { json, startPrism, startServer, tempFile, type Prism, type TempFile, type TestServer } from "@llm-files/testing";
import { execFile, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { Readable, Writable } from "node:stream";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/cli.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const KEY = "sk-cli-test-KEY-8d1e";
let prism: Prism;
let fault: TestServer;
let reply: (res: import("node:http").ServerResponse, url: string) => void = (res) => json(res, 200, {});
let a: TempFile;
let b: TempFile;

beforeAll(async () => {
  prism = await startPrism({ provider: "moonshot", errors: true });
  fault = await startServer((req, res) => reply(res, req.url!));
  a = await tempFile("first file\n", "a.txt");
  b = await tempFile("second file, longer\n", "b.txt");
});
afterAll(async () => {
  await Promise.all([prism.stop(), fault.stop(), a.cleanup(), b.cleanup()]);
});

function cli(args: string[], env: Record<string, string> = {}, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH!, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? (err as { code?: number }).code ?? 1 : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
    else child.stdin!.end();
  });
}
/** The same, in this process: run() with the environment the child would get (PATH and env). */
async function inProcess(args: string[], env: Record<string, string> = {}, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  // Written to synchronously, so nothing is still in flight when run() resolves.
  const sink = () => {
    const w = Object.assign(
      new Writable({
        write(chunk, _encoding, done) {
          w.text += String(chunk);
          done();
        },
      }),
      { text: "" },
    );
    return w;
  };
  const stdout = sink();
  const stderr = sink();
  const stdin = Readable.from(input === undefined ? [] : [input]);
  const code = await run(args, { stdout, stderr, stdin, env: { PATH: process.env.PATH!, ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
const moon = (args: string[], env = {}) => inProcess(["-p", "moonshot", "--base-url", prism.url, ...args], { MOONSHOT_API_KEY: KEY, ...env });

describe("every command against Prism", () => {
  it("ls prints a table, --json one JSON document", async () => {
    const t = await moon(["ls"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^ID\s+FILENAME\s+SIZE\s+PURPOSE\s+CREATED\n/);
    expect(t.stdout).toMatch(/clg681objj8g9m7n4je0\s+xlnet\.pdf\s+744 KB\s+file-extract\s+2023-11-24 08:51/);
    const j = await moon(["--json", "ls"]);
    expect(JSON.parse(j.stdout)).toEqual([expect.objectContaining({ id: "clg681objj8g9m7n4je0", provider: "moonshot", createdAt: "2023-11-24T08:51:19.000Z" })]);
    expect(j.stderr).toBe("");
  });

  it("get", async () => {
    const r = await moon(["--json", "get", "clg681objj8g9m7n4je0"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: "clg681objj8g9m7n4je0", filename: "xlnet.pdf", bytes: 761790 });
  });

  it("content to stdout and to a file", async () => {
    const r = await moon(["content", "clg681objj8g9m7n4je0"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^XLNet/);
    const out = join(a.dir, "out.txt");
    expect((await moon(["content", "clg681objj8g9m7n4je0", "-o", out])).code).toBe(0);
    expect(await readFile(out, "utf8")).toBe(r.stdout);
  });

  it("upload several files and a glob; plain lines when not a TTY", async () => {
    const r = await moon(["upload", a.path, join(b.dir, "*.txt"), "--purpose", "file-extract", "-c", "2"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`uploaded ${a.path} -> clg681objj8g9m7n4je0`);
    expect(r.stderr).toContain("b.txt -> clg681objj8g9m7n4je0");
    const j = await moon(["--json", "upload", a.path, "--purpose", "file-extract"]);
    expect(JSON.parse(j.stdout)).toMatchObject({ uploaded: [{ id: "clg681objj8g9m7n4je0" }], failed: [] });
    expect(j.stderr).toBe("");
  });

  it("upload reports which files failed and exits non-zero", async () => {
    const r = await moon(["upload", a.path, join(a.dir, "missing.txt"), "--purpose", "file-extract"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`failed: ${join(a.dir, "missing.txt")}`);
    expect(r.stderr).toMatch(/1 of 2 uploads failed: .*missing\.txt/);
  });

  it("rm one file; several need --yes when stdin is not a terminal; --all --purpose", async () => {
    expect((await moon(["rm", "clg681objj8g9m7n4je0"])).stdout).toBe("deleted clg681objj8g9m7n4je0\n");
    const refused = await moon(["rm", "x1", "x2"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to delete 2 files without confirmation: pass --yes/);
    expect((await moon(["rm", "x1", "x2", "--yes"])).stdout).toBe("deleted x1\ndeleted x2\n");
    const all = await moon(["--json", "rm", "--all", "--purpose", "file-extract", "--yes"]);
    expect(JSON.parse(all.stdout)).toEqual({ ok: true, deleted: ["clg681objj8g9m7n4je0"], failed: [] });
    expect((await moon(["rm", "--all"])).code).toBe(2);
  });

  it("--mock needs no key and no server", async () => {
    const r = await inProcess(["-p", "minimax", "--mock", "--json", "ls", "--purpose", "t2a_async_input"]);
    expect(r.code, r.stderr).toBe(0);
    // The spec's two example files, newest first (the mock lists newest first).
    expect(JSON.parse(r.stdout).map((f: { id: string }) => f.id)).toEqual(["307374631411714", "307374631411713"]);
  });

  it("OpenAI and Mistral by name, with --mock; a size Mistral does not give is shown as unknown", async () => {
    const up = await cli(["-p", "openai", "--mock", "--json", "upload", a.path, "--purpose", "batch"]);
    expect(up.code, up.stderr).toBe(0);
    expect(JSON.parse(up.stdout).uploaded[0]).toMatchObject({ filename: "a.txt", bytes: "first file\n".length, purpose: "batch" });
    // Mistral's own example files have bytes: null: "?", never "0 B" or "null B". The mock answers
    // sizes (Mistral's SDK requires them), so this one is edited to answer as the examples do.
    const { startMock } = await import("@llm-files/mock");
    const mock = await startMock("mistral");
    mock.editFile("e85980c9-409e-4a46-9304-36588f6292b0", { bytes: null });
    const ls = await cli(["-p", "mistral", "--base-url", mock.url, "ls"], { MISTRAL_API_KEY: "k" }).finally(() => mock.stop());
    expect(ls.code, ls.stderr).toBe(0);
    expect(ls.stdout).toMatch(/^e85980c9-409e-4a46-9304-36588f6292b0 +\S+ +\? +batch /m);
    const bad = await cli(["-p", "mistral", "--mock", "upload", a.path, "--purpose", "assistants"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/"assistants" is not a mistral purpose; use one of: fine-tune, batch, ocr, audio/);
  });

  it("--mock takes an upload and answers with the new file (the in-process mock keeps it)", async () => {
    const r = await inProcess(["-p", "moonshot", "--mock", "--json", "upload", a.path, "--purpose", "file-extract"]);
    expect(r.code, r.stderr).toBe(0);
    const [up] = JSON.parse(r.stdout).uploaded;
    expect(up).toMatchObject({ filename: "a.txt", bytes: "first file\n".length, purpose: "file-extract" });
    expect(up.id).not.toBe("clg681objj8g9m7n4je0");
  });
});

describe("exit codes", () => {
  const at = (args: string[], env = {}) => cli(["-p", "novita", "--base-url", fault.url, ...args], { NOVITA_API_KEY: KEY, ...env });
  // The mapping from error to status is run()'s: checked in this process; the real bin's status
  // is checked below (usage, a missing key, a key file).
  const atInProcess = (args: string[], env = {}) => inProcess(["-p", "novita", "--base-url", fault.url, ...args], { NOVITA_API_KEY: KEY, ...env });
  const cases: [string, number, (res: import("node:http").ServerResponse) => void][] = [
    ["auth (401)", 3, (res) => json(res, 401, { code: 401, message: "invalid api key" })],
    ["not found (404)", 4, (res) => json(res, 404, { code: 404, message: "file not found" })],
    ["rate limit (429)", 5, (res) => json(res, 429, { code: 429, message: "slow down" }, { "retry-after": "3600" })],
    ["other (400)", 1, (res) => json(res, 400, { code: 400, message: "bad" })],
    ["other (502 HTML)", 1, (res) => res.writeHead(502, { "content-type": "text/html", "retry-after": "3600" }).end("<h1>Bad Gateway</h1>")],
  ];
  for (const [name, code, handler] of cases) {
    it(`${name} -> ${code}, one line on stderr`, async () => {
      reply = handler;
      const r = await atInProcess(["get", "file_1"]);
      expect(r.code).toBe(code);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^llm-files: novita: .+\(.+\)\n$/);
      expect(r.stdout).toBe("");
    });
  }
  it("usage -> 2", async () => {
    expect((await cli(["--provider", "nope", "ls"])).code).toBe(2);
    expect((await cli(["ls"])).stderr).toMatch(/no provider/);
    expect((await at(["frobnicate"])).code).toBe(2);
    expect((await at(["get", "../etc"])).code).toBe(2);
  });
  it("a missing key -> 3, naming the variable", async () => {
    const r = await cli(["-p", "novita", "--base-url", fault.url, "ls"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("NOVITA_API_KEY");
  });
  it("--api-key-file, and --debug shows details with the key masked", async () => {
    reply = (res) => json(res, 401, { code: 401, message: `key Bearer ${KEY} is revoked` });
    const keyFile = await tempFile(`${KEY}\n`, "key");
    const r = await cli(["-p", "novita", "--base-url", fault.url, "--api-key-file", keyFile.path, "--debug", "ls"]);
    expect(r.code).toBe(3);
    expect(fault.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(r.stderr).toMatch(/status: 401/);
    expect(r.stderr).toMatch(/url: http:\/\/127\.0\.0\.1:\d+\/openai\/v1\/files/);
    expect(r.stderr).toContain("[redacted]");
    expect(r.stderr).not.toContain(KEY);
    await keyFile.cleanup();
  });
});

describe("under a terminal", () => {
  // util-linux `script` gives the command a pseudo-terminal; stdin is passed through. The
  // answer is typed once the prompt is on screen (an event, not a guessed delay); stdin stays
  // open until the command is done, as a terminal's would.
  const tty = (cmd: string, answer?: { prompt: RegExp; input: string }) =>
    new Promise<string>((resolve) => {
      const child = spawn("script", ["-qec", cmd, "/dev/null"], { env: { PATH: process.env.PATH!, MOONSHOT_API_KEY: KEY, TERM: "xterm", COLUMNS: "100" } });
      let out = "";
      let answered = false;
      child.stdout.on("data", (d) => {
        out += d;
        if (answer && !answered && answer.prompt.test(out)) {
          answered = true;
          child.stdin.write(answer.input);
        }
      });
      child.on("close", () => resolve(out));
    });

  it("upload draws progress bars (per file and overall)", async () => {
    const out = await tty(`${process.execPath} ${BIN} -p moonshot --base-url ${prism.url} upload ${a.path} ${b.path} --purpose file-extract`);
    expect(out).toMatch(/█/);
    expect(out).toContain("all 2 files");
    expect(out).toContain("a.txt");
    expect(out).toMatch(/100%/);
  });

  it("rm asks before deleting several files, and honours the answer", async () => {
    const prompt = /\[y\/N\]/;
    const no = await tty(`${process.execPath} ${BIN} -p moonshot --base-url ${prism.url} rm f1 f2`, { prompt, input: "n\n" });
    expect(no).toContain("Delete 2 moonshot files? [y/N]");
    expect(no).toContain("nothing deleted");
    const yes = await tty(`${process.execPath} ${BIN} -p moonshot --base-url ${prism.url} rm f1 f2`, { prompt, input: "y\n" });
    expect(yes).toContain("deleted f1");
    expect(yes).toContain("deleted f2");
  });
});
