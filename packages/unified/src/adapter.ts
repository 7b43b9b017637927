// What a provider must give the facade: a function from client options to the
// operations it has. Each adapter is a few lines over its provider package.
import type { ClientOptions } from "@llm-files/core";
import type { AllOperations, ProviderName } from "./types.js";

export type Adapter<P extends ProviderName> = (options: ClientOptions) => Partial<AllOperations<P>>;
