// What the library may learn from its surroundings, read only when needed and never
// required: the environment (absent in browsers and workers, denied under Deno's
// least privilege) and whether this is a web page (where the API key would be exposed).

/**
 * An environment variable, or undefined when it is unset, when there is no `process`
 * (browsers, workers without nodejs_compat), or when reading it is denied (Deno without
 * --allow-env throws NotCapable): a denied read counts as unset.
 */
export function readEnv(name: string): string | undefined {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True in a web page or a browser's web worker: a document or a browser worker scope, and
 * neither Node (whose test DOMs such as jsdom also define `window`), Deno nor workerd.
 */
export function inBrowser(): boolean {
  const g = globalThis as Record<string, any>;
  if (g.process?.versions?.node !== undefined || g.Deno !== undefined) return false;
  const page = typeof g.window === "object" && typeof g.document === "object" && typeof g.navigator === "object";
  // A browser's dedicated or shared worker (Cloudflare's workerd defines neither).
  const worker = typeof g.DedicatedWorkerGlobalScope === "function" || typeof g.SharedWorkerGlobalScope === "function";
  if (g.navigator?.userAgent === "Cloudflare-Workers") return false;
  return page || worker;
}

/** Symbol.for key Node's util.inspect looks for; no node:util import needed. */
export const INSPECT = Symbol.for("nodejs.util.inspect.custom");
