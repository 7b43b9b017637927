// Headless Chromium (Debian's `chromium` package) on the browser build: esbuild
// --platform=browser. The page and its bundle come from a second loopback server, so every
// API call is cross-origin (CORS preflights included); the page POSTs each cell's result
// back to its own origin. No browser driver library: Chromium is started on the page's URL
// and stopped once the page says it is done (or a generous deadline passes).
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import { bundle } from "./bundle.mjs";
import { firstLine } from "./process.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TIMEOUT_MS = 120_000;
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

// Errors before or outside the walks (a bundle that throws on load) are reported as fatal.
const PAGE = `<!doctype html><meta charset="utf-8"><title>llm-files runtime matrix</title>
<script>
  const fatal = (why) => navigator.sendBeacon("/result", JSON.stringify({ fatal: String(why) }));
  addEventListener("error", (e) => fatal(e.error ? e.error.name + ": " + e.error.message : e.message));
  addEventListener("unhandledrejection", (e) => fatal(e.reason && e.reason.name ? e.reason.name + ": " + e.reason.message : e.reason));
</script>
<script type="module" src="/browser.js"></script>`;

/** Serves the page and bundle; resolves `done` with { provider: result } or a fatal error. */
async function pageServer(script, cells) {
  const results = {};
  let finish;
  const done = new Promise((r) => (finish = r));
  const server = createServer(async (req, res) => {
    if (req.method === "GET" && req.url.startsWith("/?")) return void res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    if (req.method === "GET" && req.url === "/browser.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    if (req.method !== "POST" || req.url !== "/result") return void res.writeHead(404).end();
    let body = "";
    for await (const chunk of req) body += chunk;
    res.writeHead(204).end();
    const msg = JSON.parse(body);
    if (msg.fatal) finish({ fatal: `in the page: ${msg.fatal}` });
    else if (msg.done) finish({});
    else results[msg.provider] = msg;
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}/?${new URLSearchParams({ cells: JSON.stringify(cells) })}`;
  return { url, results, done, finish, close: () => (server.closeAllConnections(), new Promise((r) => server.close(r))) };
}

export default {
  name: "chromium",
  filesystem: false,
  version: async () => (existsSync(CHROMIUM) ? execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().replace(/ built on .*/, "") + " headless" : "Chromium (not installed)"),
  async run(ctx, cells) {
    const fail = (why) => cells.map(() => ({ ok: false, error: firstLine(why) }));
    if (!existsSync(CHROMIUM)) return fail(`${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    let script;
    try {
      script = await readFile(await bundle(ctx.project, "entries/browser.mjs", "dist/browser.js", { platform: "browser" }), "utf8");
    } catch (err) {
      return fail(err);
    }
    const page = await pageServer(script, cells.map(({ provider, baseUrl, apiKey }) => ({ provider, baseUrl, apiKey })));
    const profile = await mkdtemp(join(ctx.dir, "chromium-profile-"));
    const browser = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, page.url], { stdio: "ignore", detached: true });
    const exited = new Promise((r) => browser.once("exit", r));
    exited.then((code) => page.finish({ fatal: `chromium exited (${code}) before the page was done` }));
    const timer = setTimeout(() => page.finish({ fatal: `no result from the page within ${TIMEOUT_MS / 1000} s` }), TIMEOUT_MS);
    const { fatal } = await page.done;
    clearTimeout(timer);
    if (browser.exitCode === null) {
      try {
        process.kill(-browser.pid, "SIGTERM"); // the group this spawn started: chromium and its helpers
      } catch {} // it exited meanwhile
      await exited;
    }
    await page.close();
    return cells.map((c) => page.results[c.provider] ?? { ok: false, error: firstLine(fatal ?? "the page reported nothing for this provider") });
  },
};
