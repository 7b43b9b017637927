// What a provider must give the facade: a function from client options to the
// operations it has. Each adapter is a few lines over its provider package.
import type { ClientOptions, Page } from "@llm-files/core";
import type { AllOperations, FileInfo, ListOptions, ProviderName } from "./types.js";

/** The operations an adapter implements itself: the facade builds iterate and waitUntilReady. */
export type AdapterOperations<P extends ProviderName> = Partial<Omit<AllOperations<P>, "iterate" | "waitUntilReady">> & {
  /**
   * One page of the list, for a provider that paginates: `cursor` is undefined for the first
   * page, then the `next` of the page before. With it, list() and iterate() follow every
   * page (list need not be given); without it, they make the one list request.
   */
  page?(options: ListOptions<P>, cursor: unknown): Promise<Page<FileInfo<P>, unknown>>;
  /** Where upload takes expiresAfterSeconds: the range the provider accepts, in seconds (a multiple of stepSeconds when given). */
  expiry?: { minSeconds: number; maxSeconds: number; stepSeconds?: number };
};

export type Adapter<P extends ProviderName> = (options: ClientOptions) => AdapterOperations<P>;
