// Client options, resolved the same way by every provider package: explicit options
// first, then environment variables (read lazily, at request time), then the spec's server.
import { ValidationError } from "./errors.js";
import { inBrowser, readEnv } from "./env.js";
import { checkMaxRetries, checkTimeout, describe } from "./validate.js";
import { checkApiKey, checkHeaders } from "./request-values.js";
import type { Profile } from "./profile.js";

export type FetchLike = (input: Request) => Promise<Response>;

export interface ClientOptions {
  /** API key; defaults to the provider's `*_API_KEY` environment variable. */
  apiKey?: string;
  /** Scheme + host (a trailing documented prefix such as `/v1` is accepted and dropped). */
  baseUrl?: string;
  /** A fetch implementation; when given it is used as is, for every request including uploads. */
  fetch?: typeof globalThis.fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Query parameters sent with every request to the provider (e.g. `{ "api-version": "preview" }`),
   * over the ones its profile sends by name.
   */
  query?: Record<string, string>;
  /**
   * Where the provider's server is per resource (its default base URL names `{resource}`):
   * the resource's name, e.g. "my-resource" for https://my-resource.example.com. Or pass
   * `baseUrl` (or set the provider's *_BASE_URL variable) instead.
   */
  resource?: string;
  /**
   * Instead of an API key, where the provider also takes tokens (its profile's `auth.token`):
   * a function giving the current token, called before every request attempt, so a provider
   * of short-lived tokens (e.g. Microsoft Entra ID's) can refresh it. Its errors reach the
   * caller as they are, and are not retried.
   */
  tokenProvider?: () => string | Promise<string>;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Per-attempt timeout in ms (default 60 000; for uploads: the longest pause in progress). */
  timeoutMs?: number;
  /** Allow a plain http:// base URL to a host other than loopback. */
  allowInsecureHttp?: boolean;
  /**
   * Node only: the proxy for every request (e.g. "http://proxy.corp:3128"), or false for
   * none. Unset: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (or their lowercase forms) decide.
   * Elsewhere the runtime's fetch decides (Bun and Deno read those variables themselves).
   */
  proxy?: string | false;
  /**
   * Allow running in a web page or browser worker, where anyone who opens the page can read
   * the API key. Only for keys meant to be public (e.g. a short-lived key, or a proxy that adds the real one).
   */
  dangerouslyAllowBrowser?: boolean;
}

/** What resolving a client's options needs of a profile: its name, variables and server (and whether it takes tokens). */
export type ProviderSettings = Pick<Profile, "name" | "env" | "defaultBaseUrl" | "pathPrefix"> & Partial<Pick<Profile, "auth">>;

/** The placeholder of a per-resource server in a profile's default base URL. */
export const RESOURCE_PLACEHOLDER = "{resource}";
/** A resource name as it appears in a host name: letters, digits and inner hyphens. */
const RESOURCE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopback(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname.endsWith(".localhost");
}

/** The environment variables read (process.env by default); no @types/node in public types. */
export type Env = Readonly<Record<string, string | undefined>>;
const fromEnvironment = (env: Env | undefined, name: string) => (env ? env[name] : readEnv(name));

/** The base URL: the option, else the provider's *_BASE_URL variable (read only then), else the spec's server. */
export function resolveBaseUrl(p: ProviderSettings, options: ClientOptions, env?: Env): string {
  // Nothing reads the environment for a value the caller passed (Deno would ask for a permission).
  const fromEnv = options.baseUrl === undefined && options.resource === undefined ? fromEnvironment(env, p.env.baseUrl) : undefined;
  const raw = options.baseUrl ?? (fromEnv ? fromEnv : undefined) ?? serverOf(p, options.resource);
  const field = options.baseUrl !== undefined ? "baseUrl" : fromEnv ? p.env.baseUrl : options.resource !== undefined ? "resource" : "baseUrl";
  if (typeof raw !== "string") throw new ValidationError(p.name, field, `expected a URL string, got ${describe(raw)}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ValidationError(p.name, field, `${describe(raw)} is not a URL: use e.g. "${p.defaultBaseUrl}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ValidationError(p.name, field, `unsupported protocol "${url.protocol}": use https://`);
  }
  if (url.username || url.password) {
    throw new ValidationError(p.name, field, "must not carry credentials: pass the key as apiKey");
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !options.allowInsecureHttp) {
    throw new ValidationError(
      p.name,
      field,
      `plain http:// to ${url.hostname} would send your API key unencrypted: use https://, or pass allowInsecureHttp: true if you really mean it`,
    );
  }
  if (url.search || url.hash || raw.includes("?") || raw.includes("#")) {
    // Request paths are appended to the base URL: a query there would end up before the path.
    throw new ValidationError(p.name, field, `must not carry a query string or fragment (${url.search || url.hash || "?"}): pass only scheme, host and path, e.g. "${p.defaultBaseUrl}"; send extra parameters as headers`);
  }
  return `${url.origin}${stripPrefix(url.pathname.replace(/\/+$/, ""), p.pathPrefix)}`;
}

/** The profile's server, its `{resource}` filled in; a ValidationError saying what to pass when it cannot be. */
function serverOf(p: ProviderSettings, resource: unknown): string {
  const perResource = p.defaultBaseUrl.includes(RESOURCE_PLACEHOLDER);
  if (resource === undefined) {
    if (!perResource) return p.defaultBaseUrl;
    const example = p.defaultBaseUrl.replace(RESOURCE_PLACEHOLDER, "<resource>");
    throw new ValidationError(p.name, "baseUrl", `${p.name} has a server per resource and no default: pass { baseUrl: "${example}" } or { resource: "<resource>" }, or set ${p.env.baseUrl}`);
  }
  if (!perResource) throw new ValidationError(p.name, "resource", `${p.name} has one server (${p.defaultBaseUrl}), not one per resource: remove resource (pass baseUrl to use another server)`);
  if (typeof resource !== "string" || !RESOURCE_NAME.test(resource)) {
    throw new ValidationError(p.name, "resource", `expected a resource name (letters, digits and inner hyphens, as in ${p.defaultBaseUrl}), got ${describe(resource)}`);
  }
  return p.defaultBaseUrl.replace(RESOURCE_PLACEHOLDER, resource);
}

/**
 * Drops the documented path prefix, or any leading part of it, from the end of a user's path:
 * a prefix "/a/v1" accepts "…/a/v1" and also "…/a" (the form some SDKs are given), so
 * neither becomes "/a/a/v1/files".
 */
export function stripPrefix(path: string, prefix: string | undefined): string {
  if (!prefix) return path;
  const parts = prefix.split("/").filter(Boolean);
  for (let n = parts.length; n > 0; n--) {
    const tail = "/" + parts.slice(0, n).join("/");
    if (path === tail || path.endsWith(tail)) return path.slice(0, -tail.length);
  }
  return path;
}

export function resolveApiKey(p: ProviderSettings, options: ClientOptions, env?: Env): string {
  const key = options.apiKey ?? fromEnvironment(env, p.env.apiKey);
  if (key === undefined || key === "") {
    throw new ValidationError(
      p.name,
      "apiKey",
      `no API key: pass { apiKey } or set the ${p.env.apiKey} environment variable`,
    );
  }
  return checkApiKey(p.name, key);
}

export interface ResolvedOptions {
  maxRetries: number;
  timeoutMs: number;
}

/** Checks the numeric options once, at client creation. */
export function checkClientOptions(settings: ProviderSettings, options: ClientOptions): ResolvedOptions {
  const p = settings.name;
  if (options === null || typeof options !== "object") throw new ValidationError(p, "options", `expected an options object, got ${describe(options)}`);
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw new ValidationError(p, "fetch", `expected a fetch function, got ${describe(options.fetch)}`);
  // The provider's own key header (x-api-key, api-key ...) is the key's: a caller's would be replaced unseen.
  checkHeaders(p, options.headers, "headers", [settings.auth?.header, settings.auth?.token?.header]);
  // An explicit key is checked at creation (a key from the environment, at request time).
  if (options.apiKey !== undefined && options.apiKey !== "") checkApiKey(p, options.apiKey);
  if (options.tokenProvider !== undefined) {
    if (typeof options.tokenProvider !== "function") throw new ValidationError(p, "tokenProvider", `expected a function returning the current token, got ${describe(options.tokenProvider)}`);
    if (!settings.auth?.token) throw new ValidationError(p, "tokenProvider", `${p} takes API keys, not tokens: pass { apiKey } or set ${settings.env.apiKey}`);
    if (options.apiKey !== undefined) throw new ValidationError(p, "tokenProvider", "pass either apiKey or tokenProvider, not both");
  }
  checkQuery(p, options.query);
  if (options.resource !== undefined && options.baseUrl !== undefined) throw new ValidationError(p, "resource", "pass either baseUrl or resource, not both: resource only fills in the provider's server");
  if (options.allowInsecureHttp !== undefined && typeof options.allowInsecureHttp !== "boolean") {
    throw new ValidationError(p, "allowInsecureHttp", `expected true or false, got ${describe(options.allowInsecureHttp)}`);
  }
  if (options.proxy !== undefined && options.proxy !== false && !isProxyUrl(options.proxy)) {
    throw new ValidationError(p, "proxy", `expected an http:// or https:// proxy URL such as "http://proxy.example:3128", or false, got ${describe(options.proxy)}`);
  }
  if (typeof options.proxy === "string" && options.fetch !== undefined) {
    throw new ValidationError(p, "proxy", "a custom fetch sends every request, so it would ignore the proxy option: configure the proxy in your fetch, or drop one of the two");
  }
  if (options.dangerouslyAllowBrowser !== undefined && typeof options.dangerouslyAllowBrowser !== "boolean") {
    throw new ValidationError(p, "dangerouslyAllowBrowser", `expected true or false, got ${describe(options.dangerouslyAllowBrowser)}`);
  }
  if (options.dangerouslyAllowBrowser !== true && inBrowser()) {
    throw new ValidationError(
      p,
      "dangerouslyAllowBrowser",
      "this looks like a browser, where anyone who opens the page can read your API key: call the API from a server, " +
        "or pass dangerouslyAllowBrowser: true if the key is meant to be public (e.g. a short-lived key, or a proxy that adds the real one)",
    );
  }
  // Validate base URL eagerly when given explicitly: a typo should fail at creation.
  if (options.baseUrl !== undefined || options.resource !== undefined) resolveBaseUrl(settings, options);
  return {
    maxRetries: checkMaxRetries(p, options.maxRetries) ?? DEFAULT_MAX_RETRIES,
    timeoutMs: checkTimeout(p, options.timeoutMs) ?? DEFAULT_TIMEOUT_MS,
  };
}

/** The `query` option: parameter names and values that go into every request's URL (encoded there). */
function checkQuery(provider: string, query: unknown): void {
  if (query === undefined) return;
  if (query === null || typeof query !== "object" || Array.isArray(query)) throw new ValidationError(provider, "query", `expected an object of query parameter names to values, got ${describe(query)}`);
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    if (name === "") throw new ValidationError(provider, "query", "a query parameter name is empty");
    if (typeof value !== "string") throw new ValidationError(provider, "query", `the value of "${name}" must be a string, got ${describe(value)}`);
  }
}

function isProxyUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}
