// Prism mock servers started from the vendored specs, on free loopback ports, waited for
// until they really listen (never a fixed sleep), and stopped by whoever started them.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.js";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const require = createRequire(import.meta.url);
const PRISM_BIN = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");

export type Provider = "moonshot" | "novita" | "minimax" | "openai" | "mistral";

export interface PrismOptions {
  provider?: Provider;
  /** A spec path; defaults to specs/<provider>/openapi.yaml. */
  spec?: string;
  /** Random spec-valid responses (json-schema-faker, no invented properties). */
  dynamic?: boolean;
  /** Reproducible yet varied dynamic answers (Math.random seeded once per process). */
  seed?: number;
  /** Turn request violations into 422 errors instead of an sl-violations header. */
  errors?: boolean;
  startTimeoutMs?: number;
  /** Run `prism proxy` to this upstream instead of a mock: requests and answers are validated against the spec. */
  upstream?: string;
}

export interface Prism {
  url: string;
  port: number;
  logs(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * The variable through which a test run shares one Prism per spec (see global-setup.ts):
 * JSON of provider → URL. Set by the root Vitest run's global setup, inherited by its workers.
 */
export const SHARED_PRISM_ENV = "LLM_FILES_SHARED_PRISM";

/** A Prism this process did not start: stop() leaves it running for the others, logs() has none. */
function sharedPrism(options: PrismOptions): Prism | undefined {
  // Only the plain form is shared: a spec of the repo's own, static answers, --errors on.
  if (!options.errors || options.dynamic || options.seed !== undefined || options.spec || options.upstream) return undefined;
  let urls: Record<string, string>;
  try {
    urls = JSON.parse(process.env[SHARED_PRISM_ENV] ?? "{}");
  } catch {
    return undefined;
  }
  const url = urls[options.provider ?? "moonshot"];
  if (!url) return undefined;
  return { url, port: Number(new URL(url).port), logs: () => "", stop: async () => {} };
}

/** Starts Prism for a spec, or hands out the run's shared one for the same provider and options. */
export async function startPrism(options: PrismOptions): Promise<Prism> {
  return sharedPrism(options) ?? startOwnPrism(options);
}

/** Always a new Prism process, owned (and stopped) by the caller. */
export async function startOwnPrism(options: PrismOptions): Promise<Prism> {
  const spec = options.spec ?? join(REPO_ROOT, "specs", options.provider ?? "moonshot", "openapi.yaml");
  // Generous by default: a net for a Prism that will never listen, not a measure of start-up.
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  for (let tries = 0; ; tries++) {
    const port = await freePort();
    const args = options.upstream ? [PRISM_BIN, "proxy", spec, options.upstream, "-h", "127.0.0.1", "-p", String(port)] : [PRISM_BIN, "mock", spec, "-h", "127.0.0.1", "-p", String(port)];
    if (options.dynamic) args.push("--dynamic", "--json-schema-faker-fillProperties=false");
    // A fixed seed: Prism's --seed would re-seed per request (every answer identical), so
    // seed Math.random once instead, through a preload (see seeded-random.cjs).
    const seedArgs = options.seed !== undefined ? ["--require", join(REPO_ROOT, "packages/testing/seeded-random.cjs")] : [];
    if (options.errors) args.push("--errors");
    const child = spawn(process.execPath, [...seedArgs, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", LLM_FILES_PRISM_SEED: String(options.seed ?? "") },
    });
    running.add(child);
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    let exitCode: number | null | undefined;
    void exited.then((c) => (exitCode = c));
    const stop = async () => {
      if (exitCode === undefined) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(timer);
      }
      running.delete(child);
    };
    while (exitCode === undefined && Date.now() < deadline) {
      if ((await canConnect(port)) && /Prism is listening/i.test(output)) {
        return { url: `http://127.0.0.1:${port}`, port, logs: () => output, stop };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await stop();
    if (/EADDRINUSE/.test(output) && tries < 3) continue;
    throw new Error(`Prism did not start for ${spec} (${exitCode === undefined ? "timed out" : `exit ${exitCode}`}):\n${output.slice(-2000)}`);
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
