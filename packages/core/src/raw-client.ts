// The client object of a provider package: its Files operations (client.ts) and `raw`, the
// openapi-fetch client over the provider's generated paths, both through one request policy.
// The one module of core that imports openapi-fetch: the operations (client.ts) do not, so a
// bundle of code that reaches them alone (a provider's files.ts) keeps none of it.
import createClient, { type Client } from "openapi-fetch";
import { RequestPolicy } from "./policy.js";
import { filesOperations, type Files } from "./client.js";
import { rawFetch } from "./raw-fetch.js";
import { INSPECT } from "./env.js";
import type { ClientOptions } from "./options.js";
import type { Profile, ProviderTypes } from "./profile.js";

export interface FilesClient<T extends ProviderTypes, Paths extends {} = {}> {
  readonly provider: T["name"];
  readonly files: Files<T>;
  /** The openapi-fetch client over the generated `paths`; non-2xx answers throw typed errors. */
  readonly raw: Client<Paths>;
}

/** A provider's client: its Files operations, and the openapi-fetch client over its generated paths. */
export function createFilesClient<T extends ProviderTypes, Paths extends {} = {}>(profile: Profile, options: ClientOptions = {}): FilesClient<T, Paths> {
  const policy = new RequestPolicy(profile, options);
  return clientOf<T, Paths>(policy, filesOperations<T>(policy, profile));
}

/**
 * The client object for `files` over `policy`: raw built on first use, never the key in inspect
 * or JSON. `files` must be sent through this same `policy` (a provider's files.ts builds them
 * over the policy its client passes here): inspect, toJSON and raw read this one.
 */
export function clientOf<T extends ProviderTypes, Paths extends {} = {}, Extra extends object = {}>(policy: RequestPolicy, files: Files<T>, extra?: Extra): FilesClient<T, Paths> & Extra {
  let raw: Client<Paths> | undefined;
  const client = {
    provider: policy.provider,
    files,
    get raw(): Client<Paths> {
      return (raw ??= createClient<Paths>({ baseUrl: policy.baseUrl, ...rawFetch(policy) }));
    },
    ...extra,
  };
  Object.defineProperty(client, INSPECT, { value: () => `${policy.profile.label} client { provider: '${policy.provider}', baseUrl: '${policy.baseUrl}', apiKey: '[redacted]' }` });
  Object.defineProperty(client, "toJSON", { value: () => policy.toJSON() });
  return client as FilesClient<T, Paths> & Extra;
}
