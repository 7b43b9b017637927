// The facade over one provider module: its options checked against the profile now, the
// provider's Files operations (the module's `files()`: no raw client, so no openapi-fetch)
// and the facade's operations (operations.ts, with the file model and the readiness wait)
// loaded together on the first call. What loads at import is this file and core's light
// entry: a provider named costs its profile only.
import { UnsupportedError, ValidationError, checkClientOptions, describe, resolveBaseUrl, type ClientOptions, type Profile, type ProviderModule } from "@llm-files/core/profile";
import type { AllOperations, Files, Operation, ProviderName } from "./types.js";

const OPERATIONS: readonly Operation[] = ["upload", "list", "iterate", "retrieve", "content", "delete", "waitUntilReady"];

/** The facade's operations the profile offers: list gives iterate, retrieve gives waitUntilReady. */
function offered(profile: Profile): Set<Operation> {
  const ops = profile.operations;
  const has = new Set<Operation>();
  if (ops.upload) has.add("upload");
  if (ops.list) has.add("list").add("iterate");
  if (ops.retrieve) has.add("retrieve").add("waitUntilReady");
  if (ops.content) has.add("content");
  if (ops.delete) has.add("delete");
  return has;
}

/** Options must be objects: a string where { signal } belongs is a mistake to name. */
function checkOptions(provider: string, op: Operation, args: unknown[]): void {
  if (op === "content" && (args[0] === null || (typeof args[0] !== "string" && typeof args[0] !== "object"))) {
    throw new ValidationError(provider, "fileId", `expected a file id string or a FileInfo, got ${describe(args[0])}`);
  }
  const opts = op === "upload" || op === "list" || op === "iterate" ? args[0] : args[1];
  if (opts !== undefined && (opts === null || typeof opts !== "object")) {
    throw new ValidationError(provider, op === "upload" ? "params" : "options", `expected an object, got ${describe(opts)}`);
  }
  const pageSize = (opts as { pageSize?: unknown } | undefined)?.pageSize;
  if ((op === "list" || op === "iterate") && pageSize !== undefined && (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 1)) {
    throw new ValidationError(provider, "pageSize", `expected a whole number of files per request, 1 or more, got ${describe(pageSize)}`);
  }
}

type Impl = (...args: unknown[]) => unknown;
type Operations = Partial<Record<Operation, Impl>>;

/**
 * The facade over any provider module (one of the registry's, or one being written): the
 * options are checked against its profile now, its Files operations are loaded on the first
 * call, and an operation it lacks rejects with UnsupportedError.
 */
export function filesFromProvider<P extends ProviderName = ProviderName>(module: ProviderModule, clientOptions: ClientOptions = {}): Files<P> {
  const profile = module.profile;
  const provider = profile.name;
  checkClientOptions(profile, clientOptions);
  // The base URL from the environment too, as a provider client checks it at creation: a bad
  // *_BASE_URL fails here, not at the first call (the variable is read only when no baseUrl is given).
  if (clientOptions.baseUrl === undefined) resolveBaseUrl(profile, clientOptions);
  let ready: Operations | undefined;
  let loading: Promise<Operations> | undefined;
  const load = (): Promise<Operations> =>
    (loading ??= Promise.all([module.files(), import("./operations.js")]).then(
      ([filesOf, m]) => (ready = m.operations(profile, filesOf(clientOptions) as never) as Operations),
    ));
  const has = offered(profile);
  const files: Record<string, unknown> = { provider };
  for (const op of OPERATIONS) {
    const unsupported = () => new UnsupportedError({ provider, message: `${provider} has no ${op} operation` });
    if (op === "iterate") {
      // An AsyncIterable at once; any error (bad options included) surfaces on the first next().
      files[op] = async function* (...args: unknown[]) {
        if (!has.has(op)) throw unsupported();
        checkOptions(provider, op, args);
        yield* (ready ?? (await load()))[op]!(...args) as AsyncIterable<unknown>;
      };
      continue;
    }
    files[op] = has.has(op)
      ? (...args: unknown[]) => {
          try {
            checkOptions(provider, op, args);
            // Once loaded, called directly: no extra turn per call.
            return ready ? ready[op]!(...args) : load().then((o) => o[op]!(...args));
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

