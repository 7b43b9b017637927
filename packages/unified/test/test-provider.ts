// A provider module for a test server: a profile that describes the server (its routes,
// paging, statuses, expiry), and core's Files operations over it, handed to filesFromProvider
// just as the registry's modules are. Most start from a registry profile and change what the
// test is about.
import { RequestPolicy, filesOperations, type Profile, type ProviderModule } from "@llm-files/core";
import { registry, type ProviderName } from "@llm-files/registry";

/** The module of `profile`: its files are core's operations over it (a client's without raw), its spec an empty document. */
export function testProvider(profile: Profile): ProviderModule {
  return {
    profile,
    files: async () => (options) => filesOperations(new RequestPolicy(profile, options), profile),
    spec: async () => ({}),
  };
}

/** A registry provider's profile with some of its data replaced (operations, states, expiry ...). */
export function profileLike(name: ProviderName, changes: Partial<Profile>): Profile {
  return { ...(registry[name].profile as Profile), ...changes };
}
