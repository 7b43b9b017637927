// A throwaway npm registry for the release test: verdaccio on a free loopback port, its
// storage and config in a temp dir. @llm-files/* live only here (no uplink: never fetched
// from anywhere else); every other package is proxied to the registry npm is configured with.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const VERDACCIO = "6.8.0"; // the last release that runs on Node 20

/**
 * Installs verdaccio into `dir` (once; reused while its marker file is there). 6.8.0 asks
 * for node-fetch@cjs, a dist-tag our registry does not serve: an npm override pins 2.7.0.
 */
/**
 * @param {string} dir
 * @param {(cmd: string, args: string[], options?: { cwd?: string }) => unknown} run
 */
export function installVerdaccio(dir, run) {
  const bin = join(dir, "node_modules", "verdaccio", "bin", "verdaccio");
  const marker = join(dir, `.installed-${VERDACCIO}`);
  if (existsSync(marker) && existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "llm-files-release-registry", private: true, dependencies: { verdaccio: VERDACCIO }, overrides: { "node-fetch": "2.7.0" } }, null, 2)}\n`,
  );
  run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"], { cwd: dir });
  writeFileSync(marker, "");
  return bin;
}

export function npmRegistry() {
  return execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts verdaccio; resolves once /-/ping answers.
 * @param {string} bin
 * @param {string} dir
 * @param {{ uplink: string, log: (line: string) => void }} options
 * @returns {Promise<{ url: string, token: string, stop(): Promise<void>, output(): string }>}
 */
export async function startRegistry(bin, dir, { uplink, log }) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = join(dir, "config.yaml");
    writeFileSync(
      config,
      [
        `storage: ${JSON.stringify(join(dir, "storage"))}`,
        `auth:`,
        `  htpasswd:`,
        `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
        `    max_users: 10`,
        `uplinks:`,
        `  upstream:`,
        `    url: ${JSON.stringify(uplink)}`,
        `    timeout: 120s`,
        `packages:`,
        `  "@llm-files/*":`,
        `    access: $all`,
        `    publish: $authenticated`,
        `    unpublish: $authenticated`,
        `  "**":`,
        `    access: $all`,
        `    publish: $authenticated`,
        `    proxy: upstream`,
        `web:`,
        `  enable: false`,
        `log: { type: stdout, format: pretty, level: warn }`,
        ``,
      ].join("\n"),
    );
    const child = spawn(process.execPath, [bin, "--config", config, "--listen", `127.0.0.1:${port}`], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    let exited = false;
    const gone = new Promise((r) => child.once("exit", () => r((exited = true))));
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
      if (!exited) child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 5000);
      await gone;
      clearTimeout(t);
    };
    // Wait for it to answer (no fixed sleep); a generous limit for a busy machine.
    const deadline = Date.now() + 120_000;
    while (!exited && Date.now() < deadline) {
      const ok = await fetch(`${url}/-/ping`).then((r) => r.ok, () => false);
      if (ok) {
        const res = await fetch(`${url}/-/user/org.couchdb.user:release-e2e`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "release-e2e", password: "release-e2e-password", type: "user", roles: [], date: new Date().toISOString() }),
        });
        /** @type {{ token?: string }} */
        const body = await res.json().catch(() => ({}));
        if (!res.ok || !body.token) {
          await stop();
          throw new Error(`verdaccio: adding the publishing user failed (${res.status}): ${JSON.stringify(body)}`);
        }
        log(`verdaccio ${VERDACCIO} listening on ${url} (storage ${dir}/storage; @llm-files/* local only, the rest proxied to ${uplink})`);
        return { url, token: body.token, stop, output: () => output };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await stop();
    if (/EADDRINUSE/.test(output) && attempt < 3) continue;
    throw new Error(`verdaccio did not start (${exited ? "exited" : "timed out"}):\n${output.slice(-3000)}`);
  }
}
