// What a provider package offers the registry and the facade, at its `./provider` entry:
// its profile (data, loaded at once) and its client and spec (loaded on first use), so that
// naming a provider costs a few hundred bytes until it is called.
import type { ClientOptions } from "./options.js";
import type { FilesClient } from "./raw-client.js";
import type { Profile, ProviderTypes } from "./profile.js";

export interface ProviderModule<T extends ProviderTypes = ProviderTypes> {
  readonly profile: Profile;
  /** The package's client factory, loaded on first use. */
  client(): Promise<(options?: ClientOptions) => FilesClient<T, {}>>;
  /** The provider's OpenAPI document as vendored (specs/<name>/openapi.yaml), loaded on first use. */
  spec(): Promise<unknown>;
  /** Types only (never set): what the provider's client works with. */
  readonly types?: T;
}
