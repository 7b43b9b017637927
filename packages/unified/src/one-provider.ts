// The facade for one provider alone, behind each per-provider entry (`@llm-files/unified/<name>`,
// src/providers/<name>.ts, generated from the registry by scripts/provider-entries.mjs): it
// imports that provider's profile and nothing of the others, so a bundler keeps only the
// providers a program names.
import { ValidationError, describe, type ClientOptions, type ProviderModule } from "@llm-files/core/profile";
import { filesFromProvider } from "./facade.js";
import type { RegistryTypes } from "@llm-files/registry";
import type { Files, ProviderName } from "./types.js";

/** A provider entry's options: the client's, and `provider` (optional here; when given, it must be this entry's). */
export type OneProviderOptions<P extends ProviderName> = ClientOptions & { provider?: P };

/** `createFiles` for one provider module: `createFiles({ apiKey })` is `createFiles({ provider, apiKey })` of the whole facade. */
export function oneProvider<P extends ProviderName>(module: ProviderModule<RegistryTypes[P]>): (options?: OneProviderOptions<P>) => Files<P> {
  const name = module.profile.name;
  return (options = {}) => {
    if (options === null || typeof options !== "object") throw new ValidationError(name, "options", `expected { apiKey?, baseUrl?, ... }, got ${describe(options)}`);
    const { provider, ...clientOptions } = options;
    if (provider !== undefined && provider !== name) {
      throw new ValidationError(name, "provider", `${describe(provider)} given to @llm-files/unified/${name}, the entry of ${name} alone: import createFiles from "@llm-files/unified" (every provider) or from "@llm-files/unified/${String(provider)}"`);
    }
    return filesFromProvider<P>(module as unknown as ProviderModule, clientOptions);
  };
}
