// createFiles: one API over every provider.
import { UnsupportedError, ValidationError, collect, describe, pages, type ClientOptions } from "@llm-files/core";
import type { Adapter, AdapterOperations } from "./adapter.js";
import { minimax } from "./adapters/minimax.js";
import { moonshot } from "./adapters/moonshot.js";
import { novita } from "./adapters/novita.js";
import { openai } from "./adapters/openai.js";
import { mistral } from "./adapters/mistral.js";
import { waitUntilReady } from "./wait.js";
import type { AllOperations, CreateFilesOptions, FileInfo, Files, ListOptions, Operation, ProviderName } from "./types.js";

const ADAPTERS: { [P in ProviderName]: Adapter<P> } = { moonshot, novita, minimax, openai, mistral };
export const PROVIDERS = Object.keys(ADAPTERS) as ProviderName[];
const OPERATIONS: readonly Operation[] = ["upload", "list", "iterate", "retrieve", "content", "delete", "waitUntilReady"];

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

/** Refuses expiresAfterSeconds where the provider has no expiry, or outside its range: before any request. */
function checkExpiry(provider: string, expiry: AdapterOperations<ProviderName>["expiry"], value: unknown): void {
  if (value === undefined) return;
  if (!expiry) throw new ValidationError(provider, "expiresAfterSeconds", `${provider} offers no expiry (its files stay until deleted): remove expiresAfterSeconds and delete the file when done`);
  if (typeof value !== "number" || !Number.isInteger(value) || value < expiry.minSeconds || value > expiry.maxSeconds) {
    const upTo = expiry.maxSeconds === Number.MAX_SAFE_INTEGER ? "or more" : `to ${expiry.maxSeconds}`;
    throw new ValidationError(provider, "expiresAfterSeconds", `expected a whole number of seconds from ${expiry.minSeconds} ${upTo}, got ${describe(value)}`);
  }
  if (expiry.stepSeconds && value % expiry.stepSeconds !== 0) {
    throw new ValidationError(provider, "expiresAfterSeconds", `${provider} takes expiry in steps of ${expiry.stepSeconds} s: pass a multiple of ${expiry.stepSeconds}, got ${value}`);
  }
}

/** The operations the facade builds from the adapter's own: every page, and waiting for readiness. */
function derived<P extends ProviderName>(provider: P, ops: AdapterOperations<P>): Partial<AllOperations<P>> {
  const { page, list, retrieve, upload } = ops;
  const iterate = page
    ? (o: ListOptions<P> = {}) => pages<FileInfo<P>, unknown>(provider, (cursor) => page(o, cursor), { idOf: (f) => f.id })
    : list
      ? async function* (o?: ListOptions<P>) {
          // No pagination at this provider: one request, made when the first file is asked for.
          yield* await list(o);
        }
      : undefined;
  return {
    ...ops,
    upload: upload && ((p) => (checkExpiry(provider, ops.expiry, p?.expiresAfterSeconds), upload(p))),
    list: page ? (o) => collect(iterate!(o)) : list,
    iterate,
    waitUntilReady: retrieve && ((id, o) => waitUntilReady(provider, retrieve, id, o)),
  };
}

/** Options must be objects: a string where { signal } belongs is a mistake to name. */
function checkOptions(provider: string, op: Operation, args: unknown[]): void {
  const opts = op === "upload" || op === "list" || op === "iterate" ? args[0] : args[1];
  if (opts !== undefined && (opts === null || typeof opts !== "object")) {
    throw new ValidationError(provider, op === "upload" ? "params" : "options", `expected an object, got ${describe(opts)}`);
  }
  const pageSize = (opts as { pageSize?: unknown } | undefined)?.pageSize;
  if ((op === "list" || op === "iterate") && pageSize !== undefined && (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 1)) {
    throw new ValidationError(provider, "pageSize", `expected a whole number of files per request, 1 or more, got ${describe(pageSize)}`);
  }
}

/**
 * The facade over any adapter: operations the adapter lacks reject with UnsupportedError.
 * createFiles uses it for the built-in providers; it is also how a new adapter is tried out.
 */
export function filesFromAdapter<P extends ProviderName>(provider: P, adapter: Adapter<P>, clientOptions: ClientOptions): Files<P> {
  const ops = derived(provider, adapter(clientOptions));
  const files: Record<string, unknown> = { provider };
  for (const op of OPERATIONS) {
    const impl = ops[op] as ((...args: unknown[]) => unknown) | undefined;
    const unsupported = () => new UnsupportedError({ provider, message: `${provider} has no ${op} operation` });
    if (op === "iterate") {
      // An AsyncIterable at once; any error (bad options included) surfaces on the first next().
      files[op] = async function* (...args: unknown[]) {
        if (!impl) throw unsupported();
        checkOptions(provider, op, args);
        yield* impl(...args) as AsyncIterable<unknown>;
      };
      continue;
    }
    files[op] = impl
      ? (...args: unknown[]) => {
          try {
            checkOptions(provider, op, args);
            return impl(...args);
          } catch (err) {
            return Promise.reject(err);
          }
        }
      : () => Promise.reject(unsupported());
  }
  Object.defineProperty(files, Symbol.for("nodejs.util.inspect.custom"), { value: () => `Files { provider: '${provider}', apiKey: '[redacted]' }` });
  Object.defineProperty(files, "toJSON", { value: () => ({ provider }) });
  return Object.freeze(files) as unknown as Files<P>;
}

export type { AllOperations };
