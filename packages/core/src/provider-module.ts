// What a provider package offers the registry and the facade, at its `./profile` entry (`provider`):
// its profile (data, loaded at once), its Files operations and its spec (each loaded on first
// use), so that naming a provider costs a few hundred bytes until it is called. No client: a
// module that named the package's index (the client, `raw`, openapi-fetch) would put it in every
// one-file bundle of the facade; the client is the package's own entry (its create<Name>Client).
import type { ClientOptions } from "./options.js";
import type { Files } from "./client.js";
import type { Profile, ProviderTypes } from "./profile.js";

export interface ProviderModule<T extends ProviderTypes = ProviderTypes> {
  readonly profile: Profile;
  /**
   * The provider's Files operations alone (its files.ts: the client's `files`, without the
   * package's index or `raw`), loaded on first use: what the facade calls. Each call of the
   * factory makes one request policy over its options, as a client's does.
   */
  files(): Promise<(options?: ClientOptions) => Files<T>>;
  /** The provider's OpenAPI document as vendored (specs/<name>/openapi.yaml), loaded on first use. */
  spec(): Promise<unknown>;
  /** Types only (never set): what the provider's client works with. */
  readonly types?: T;
}
