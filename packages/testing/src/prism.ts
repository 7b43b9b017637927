// Prism mock servers started from the vendored specs, on free loopback ports, waited for
// until they really listen (never a fixed sleep), and stopped by whoever started them. Several
// servers can share one Prism process (startPrisms): loading Prism is what costs, not a spec.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const HOST = join(REPO_ROOT, "packages/testing/prism-host.cjs");

/** A provider's name, as the registry (@llm-files/registry) lists it: its spec is specs/<name>/openapi.yaml. */
export type Provider = string;

/** The spec a Prism serves: `spec` when given, else the provider's vendored one. */
export function specPath(options: Pick<PrismOptions, "provider" | "spec">): string {
  if (options.spec) return options.spec;
  if (!options.provider) throw new Error("startPrism: pass { provider } (a registry name) or { spec } (a document's path)");
  return join(REPO_ROOT, "specs", options.provider, "openapi.yaml");
}

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

/** The key a shared server is found by: its spec file and its answers (dynamic or not). */
export function sharedPrismKey(options: PrismOptions): string {
  return `${resolve(specPath(options))}${options.dynamic ? " dynamic" : ""}`;
}

/** Whether a form can be shared: --errors on, no seed, no upstream (see global-setup.ts). */
export function shareable(options: PrismOptions): boolean {
  return Boolean(options.errors) && options.seed === undefined && !options.upstream;
}

/** A Prism this process did not start: stop() leaves it running for the others, logs() has none. */
function sharedPrism(options: PrismOptions): Prism | undefined {
  if (!shareable(options)) return undefined;
  let urls: Record<string, string>;
  try {
    urls = JSON.parse(process.env[SHARED_PRISM_ENV] ?? "{}");
  } catch {
    return undefined;
  }
  const url = urls[sharedPrismKey(options)];
  if (!url) return undefined;
  return { url, port: Number(new URL(url).port), logs: () => "", stop: async () => {} };
}

/** Starts Prism for a spec, or hands out the run's shared one for the same spec and options. */
export async function startPrism(options: PrismOptions): Promise<Prism> {
  return sharedPrism(options) ?? startOwnPrism(options);
}

/** Always a new Prism process, owned (and stopped) by the caller. */
export async function startOwnPrism(options: PrismOptions): Promise<Prism> {
  return (await startPrisms([options], options))[0]!;
}

/**
 * Several Prism servers in ONE new process (packages/testing/prism-host.cjs), each on its own
 * free loopback port; resolves once every one listens. Each Prism's logs() is its own lines;
 * the process ends when the last of them is stopped. A seed applies to the whole process
 * (Math.random is seeded once), so the servers of one call share it or have none.
 */
export async function startPrisms(list: PrismOptions[], { startTimeoutMs = 120_000 }: { startTimeoutMs?: number } = {}): Promise<Prism[]> {
  if (list.length === 0) return [];
  const seeds = new Set(list.map((o) => o.seed));
  if (seeds.size > 1) throw new Error("startPrisms: the servers of one process share one seed (or none)");
  const seed = list[0]!.seed;
  const servers = list.map((o) => ({
    document: specPath(o),
    dynamic: Boolean(o.dynamic),
    errors: Boolean(o.errors),
    upstream: o.upstream,
  }));
  // A fixed seed: Prism's --seed would re-seed per request (every answer identical), so
  // seed Math.random once instead, through a preload (see seeded-random.cjs).
  const seedArgs = seed !== undefined ? ["--require", join(REPO_ROOT, "packages/testing/seeded-random.cjs")] : [];
  const child = spawn(process.execPath, [...seedArgs, HOST, JSON.stringify(servers)], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", LLM_FILES_PRISM_SEED: String(seed ?? "") },
  });
  running.add(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  let exitCode: number | null | undefined;
  void exited.then((c) => (exitCode = c));
  const kill = async () => {
    if (exitCode === undefined) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };
  // Generous by default: a net for a Prism that will never listen, not a measure of start-up.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const answer = await new Promise<{ ready?: string[]; failed?: number; message?: string; exit?: number | null; timedOut?: boolean }>((resolve) => {
    child.on("message", (m) => resolve(m as { ready?: string[] }));
    void exited.then((code) => resolve({ exit: code }));
    timer = setTimeout(() => resolve({ timedOut: true }), startTimeoutMs);
  });
  clearTimeout(timer);
  if (!answer.ready) {
    await kill();
    const which = answer.failed !== undefined ? servers[answer.failed]!.document : servers.map((s) => s.document).join(", ");
    const why = answer.timedOut ? "timed out" : answer.failed !== undefined ? (answer.message ?? "failed") : `exit ${answer.exit}`;
    throw new Error(`Prism did not start for ${which} (${why}):\n${output.slice(-2000)}`);
  }
  // The channel stays open (the host exits when it closes: this process gone) but does not keep
  // this process alive.
  child.channel?.unref();
  let open = list.length;
  return answer.ready.map((url, i) => {
    let stopped = false;
    return {
      url,
      port: Number(new URL(url).port),
      logs: () =>
        output
          .split("\n")
          .filter((l) => l.startsWith(`[${i}] `))
          .map((l) => l.slice(`[${i}] `.length))
          .join("\n"),
      stop: async () => {
        if (stopped) return;
        stopped = true;
        if (--open === 0) await kill();
      },
    };
  });
}
