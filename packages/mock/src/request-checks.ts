// What every request must carry, by the spec and the profile, before its operation reads it:
// the header parameters the operation marks required (Anthropic's anthropic-version and
// anthropic-beta), the value the profile sends in each of its fixed headers where the spec
// says the header is a list (a list of betas must name the profile's), and the fixed query parameters (Azure's api-version)
// within what the spec's parameter allows. A request that lacks one is the 400 the provider
// answers, naming it.
import type { IncomingMessage } from "node:http";
import { MockError } from "./errors.js";
import type { Model, SpecRoute } from "./model.js";
import { parametersOf } from "./spec.js";

/** The problem with a request's headers or fixed query, or undefined. */
export function requestProblem(model: Model, route: SpecRoute, req: IncomingMessage, url: URL): MockError | undefined {
  const { doc, profile, checks } = model;
  const params = parametersOf(doc, route.op);
  for (const p of params) {
    if (p.in !== "header" || !p.required) continue;
    const value = req.headers[p.name.toLowerCase()];
    if (value === undefined || value === "") return new MockError(400, `${p.name}: header is required`);
  }
  for (const [name, want] of Object.entries(profile.headers ?? {})) {
    const value = req.headers[name.toLowerCase()];
    if (value === undefined) continue;
    // A header the spec says names a list (several betas, comma-separated or repeated): the
    // profile's value must be among them. A single value (a version) may be another the API takes.
    const param = params.find((p) => p.in === "header" && p.name.toLowerCase() === name.toLowerCase());
    if (!/comma[- ]separated/i.test(param?.description ?? "")) continue;
    const values = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(",")).map((v) => v.trim());
    if (!values.includes(want)) return new MockError(400, `${name}: ${JSON.stringify(values.join(","))} does not name ${want}, which this API needs`);
  }
  for (const name of Object.keys(profile.query ?? {})) {
    const raw = url.searchParams.get(name);
    if (raw === null) continue;
    const p = params.find((x) => x.in === "query" && x.name === name);
    if (!p?.schema) continue;
    const { error } = checks.check(p.schema, raw, name);
    if (error) return new MockError(400, error);
  }
  return undefined;
}
