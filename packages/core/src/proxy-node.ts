// Which agent a Node request goes through: a shared keep-alive agent, or a proxy's.
// The environment rules are proxy-from-env's (HTTPS_PROXY / HTTP_PROXY / ALL_PROXY, lowercase
// first, and NO_PROXY with suffixes, ports and "*"), which match curl and undici's
// EnvHttpProxyAgent in what matters here: only NO_PROXY exempts a host, loopback included.
// The tunnel (CONNECT, for https targets) and forwarding (absolute-form requests, for http
// targets) are https-proxy-agent and http-proxy-agent. Nothing here runs at import: the
// agents are made on first use, and the proxy helpers load only when a proxy is in use (a
// proxy variable set, or the `proxy` option).
import type { Agent as HttpAgent } from "node:http";
import { ValidationError } from "./errors.js";
import { readEnv } from "./env.js";

// One pool per scheme for the process, as undici's global dispatcher has: sockets are
// reused across clients. Idle sockets do not keep the process alive (Node unrefs them),
// and are closed after 4 s idle (undici's default), before the common 5 s server timeout,
// so a request rarely meets a socket the server is closing.
const KEEP = { keepAlive: true, timeout: 4_000 };
const direct: { http?: HttpAgent; https?: HttpAgent } = {};
const proxied = new Map<string, HttpAgent | Promise<HttpAgent>>();

/** The module an agent class comes from: node:http, or node:https (loaded with the first https request). */
export interface AgentModules {
  http: typeof import("node:http");
  https?: typeof import("node:https");
}

/**
 * The agent for `url` through `proxy` ("" for a direct connection). `fromEnv` names where
 * the proxy came from, for the message when it is not a URL. `lib` holds the node: modules
 * already loaded (the https one is there whenever `url` is https).
 */
export function agentFor(provider: string, url: URL, proxy: string, fromEnv: boolean, lib: AgentModules): HttpAgent | Promise<HttpAgent> {
  const https = url.protocol === "https:";
  if (!proxy) return https ? (direct.https ??= new lib.https!.Agent(KEEP)) : (direct.http ??= new lib.http.Agent(KEEP));
  const key = `${https ? "https" : "http"} ${proxy}`;
  const known = proxied.get(key);
  if (known) return known;
  let proxyUrl: URL;
  try {
    proxyUrl = new URL(proxy);
  } catch {
    throw new ValidationError(provider, fromEnv ? (https ? "HTTPS_PROXY" : "HTTP_PROXY") : "proxy", `the proxy for ${url.origin} is not a URL: set it like "http://proxy.example:3128"`);
  }
  const made = (https
    ? import("https-proxy-agent").then((m) => new m.HttpsProxyAgent(proxyUrl, KEEP))
    : import("http-proxy-agent").then((m) => new m.HttpProxyAgent(proxyUrl, KEEP))) as Promise<HttpAgent>;
  proxied.set(key, made);
  made.then(
    (agent) => proxied.set(key, agent),
    () => proxied.delete(key),
  );
  return made;
}

/** The variables proxy-from-env reads a proxy from (each in lower and upper case). */
const PROXY_VARIABLES = ["http_proxy", "https_proxy", "all_proxy"].flatMap((v) => [v, v.toUpperCase()]);

/**
 * The environment's proxy for `url` ("" for none), cached per origin by the caller: reading
 * process.env costs more than the rest of a request's routing. Read only when the caller
 * passed no proxy option. With no proxy variable set there is no proxy, and proxy-from-env is
 * not loaded; with one, it decides (NO_PROXY and all).
 */
export function envProxy(url: URL): string | Promise<string> {
  // readEnv: a denied environment read counts as unset.
  if (!PROXY_VARIABLES.some((name) => readEnv(name) !== undefined)) return "";
  return import("proxy-from-env").then((m) => {
    try {
      return m.getProxyForUrl(url.href);
    } catch {
      return ""; // a denied environment read counts as unset
    }
  });
}
