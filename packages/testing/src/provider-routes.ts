// Where a provider's Files operations are, read from its profile (@llm-files/registry's
// `registry[name].profile.operations`): method, path template, and where the file id goes.
// The test servers route requests by this, so a provider added to the registry is served
// with no line written here. The types are structural, only what is read: this package sits
// below core and the registry (their tests use it), so it imports neither.

export type OperationName = "list" | "upload" | "retrieve" | "content" | "delete";

export interface RouteData {
  method: string;
  /** The spec's path template, e.g. "/v1/files/{file_id}". */
  path: string;
  /** `prefix`: ids are resource names ("files/abc"), the path taking the part after it. */
  id?: { in: "path" | "query" | "body"; name: string; prefix?: string };
}

export interface RoutesProfile {
  name: string;
  operations: Partial<Record<OperationName, RouteData>>;
}

export interface ProviderRoute {
  op: OperationName;
  /** Upper case, as a request carries it. */
  method: string;
  pattern: RegExp;
  route: RouteData;
}

export interface MatchedRoute {
  op: OperationName;
  /** The file id the request names (path, query or JSON body), when the operation takes one; a resource name whole ("files/abc"). */
  id?: string;
  /** The id came as a JSON string in the body, not as a bare number. */
  idQuoted?: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, "\\$&");

/** The profile's operations as matchers; literal paths before templates ("/files/list" before "/files/{id}"). */
export function providerRoutes(profile: RoutesProfile): ProviderRoute[] {
  const params = (path: string) => (path.match(/\{[^}]+\}/g) ?? []).length;
  return (Object.entries(profile.operations) as [OperationName, RouteData | undefined][])
    .filter((e): e is [OperationName, RouteData] => e[1] !== undefined)
    .sort((a, b) => params(a[1].path) - params(b[1].path))
    .map(([op, route]) => ({
      op,
      method: route.method.toUpperCase(),
      pattern: new RegExp(`^${escape(route.path).replace(/\{[^}]+\}/g, "([^/]+)")}$`),
      route,
    }));
}

/** The operation `method url` is for, and the id it names; undefined when it is none of the profile's. */
export function matchRoute(routes: ProviderRoute[], method: string, url: string, body?: string): MatchedRoute | undefined {
  const [path, query = ""] = url.split("?") as [string, string?];
  for (const r of routes) {
    if (r.method !== method.toUpperCase()) continue;
    const m = r.pattern.exec(path);
    if (!m) continue;
    const where = r.route.id;
    if (!where) return { op: r.op };
    if (where.in === "path") {
      const at = [...r.route.path.matchAll(/\{[^}]+\}/g)].findIndex((p) => p[0] === `{${where.name}}`);
      return { op: r.op, id: (where.prefix ?? "") + decodeURIComponent(m[at + 1] ?? "") };
    }
    if (where.in === "query") return { op: r.op, id: new URLSearchParams(query).get(where.name) ?? undefined };
    // A JSON body: the token itself, so that an id above 2^53 is read digit for digit.
    const token = new RegExp(`"${escape(where.name)}"\\s*:\\s*(-?\\d+|"(?:[^"\\\\]|\\\\.)*")`).exec(body ?? "")?.[1];
    if (token === undefined) return { op: r.op };
    return token.startsWith('"') ? { op: r.op, id: JSON.parse(token) as string, idQuoted: true } : { op: r.op, id: token, idQuoted: false };
  }
  return undefined;
}
