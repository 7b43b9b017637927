// createFiles: one API over every provider in the registry. The provider is looked up by name,
// its options are checked against its profile, and its Files operations load on the first call
// (facade.ts). A bundle that should hold one provider only imports its own entry instead
// (`@llm-files/unified/<provider>`, one-provider.ts): this module names them all.
import { ValidationError, describe } from "@llm-files/core/profile";
import { PROVIDERS, providerOf } from "@llm-files/registry";
import { filesFromProvider } from "./facade.js";
import type { CreateFilesOptions, Files, ProviderName } from "./types.js";

export function createFiles<P extends ProviderName>(options: CreateFilesOptions<P>): Files<P> {
  if (options === null || typeof options !== "object") {
    throw new ValidationError("unified", "options", `expected { provider, ... }, got ${describe(options)}`);
  }
  const { provider, ...clientOptions } = options;
  const module = providerOf(provider);
  if (!module) throw new ValidationError("unified", "provider", `${describe(provider)} is not a supported provider: use one of ${PROVIDERS.join(", ")}`);
  return filesFromProvider<P>(module, clientOptions);
}
