// createFiles: one API over every provider.
import { UnsupportedError, ValidationError, describe, type ClientOptions } from "@llm-files/core";
import type { Adapter } from "./adapter.js";
import { minimax } from "./adapters/minimax.js";
import { moonshot } from "./adapters/moonshot.js";
import { novita } from "./adapters/novita.js";
import { openai } from "./adapters/openai.js";
import { mistral } from "./adapters/mistral.js";
import type { AllOperations, CreateFilesOptions, Files, Operation, ProviderName } from "./types.js";

const ADAPTERS: { [P in ProviderName]: Adapter<P> } = { moonshot, novita, minimax, openai, mistral };
export const PROVIDERS = Object.keys(ADAPTERS) as ProviderName[];
const OPERATIONS: readonly Operation[] = ["upload", "list", "retrieve", "content", "delete"];

export function createFiles<P extends ProviderName>(options: CreateFilesOptions<P>): Files<P> {
  if (options === null || typeof options !== "object") {
    throw new ValidationError("unified", "options", `expected { provider, ... }, got ${describe(options)}`);
  }
  const { provider, ...clientOptions } = options;
  if (typeof provider !== "string" || !Object.hasOwn(ADAPTERS, provider)) {
    throw new ValidationError("unified", "provider", `${describe(provider)} is not a supported provider: use one of ${PROVIDERS.join(", ")}`);
  }
  return filesFromAdapter(provider as P, ADAPTERS[provider] as Adapter<P>, clientOptions);
}

/**
 * The facade over any adapter: operations the adapter lacks reject with UnsupportedError.
 * createFiles uses it for the built-in providers; it is also how a new adapter is tried out.
 */
export function filesFromAdapter<P extends ProviderName>(provider: P, adapter: Adapter<P>, clientOptions: ClientOptions): Files<P> {
  const ops = adapter(clientOptions);
  const files: Record<string, unknown> = { provider };
  for (const op of OPERATIONS) {
    const impl = ops[op] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    files[op] = impl
      ? (...args: unknown[]) => {
          // Options must be objects: a string where { signal } belongs is a mistake to name.
          const opts = op === "upload" ? args[0] : op === "list" ? args[0] : args[1];
          if (opts !== undefined && (opts === null || typeof opts !== "object")) {
            return Promise.reject(new ValidationError(provider, op === "upload" ? "params" : "options", `expected an object, got ${describe(opts)}`));
          }
          try {
            return impl(...args);
          } catch (err) {
            return Promise.reject(err);
          }
        }
      : () => Promise.reject(new UnsupportedError({ provider, message: `${provider} has no ${op} operation` }));
  }
  Object.defineProperty(files, Symbol.for("nodejs.util.inspect.custom"), { value: () => `Files { provider: '${provider}', apiKey: '[redacted]' }` });
  Object.defineProperty(files, "toJSON", { value: () => ({ provider }) });
  return Object.freeze(files) as unknown as Files<P>;
}

export type { AllOperations };
