// The two pagination styles of the providers, as the facade's page hook: OpenAI's cursor
// (`after` = the last id read, while has_more) and Mistral's numbered pages (`page`,
// `page_size`, with an optional `total`). The walking itself (laziness, loop guards) is
// pages(). Used by the provider packages' iterate() and by the facade's adapters.
import { ServerError } from "./errors.js";
import type { Page } from "./pages.js";

/** One OpenAI-style page: files after `after`, and whether more follow. */
export async function cursorPage<F extends { id: string } | { id?: unknown }>(
  provider: string,
  fetch: (after: string | undefined) => Promise<{ data: unknown[]; has_more?: unknown; last_id?: unknown }>,
  info: (raw: unknown) => F,
  cursor: unknown,
): Promise<Page<F, string>> {
  const answer = await fetch(typeof cursor === "string" ? cursor : undefined);
  const items = answer.data.map(info);
  if (answer.has_more !== true) return { items };
  // has_more: continue after the last file of this page (last_id where the server gives it).
  const lastItem = items.at(-1)?.id;
  const last = typeof answer.last_id === "string" && answer.last_id !== "" ? answer.last_id : typeof lastItem === "string" && lastItem !== "" ? lastItem : undefined;
  if (last === undefined) throw new ServerError({ provider, message: `${provider}: the list says has_more but gave no file and no last_id to continue after`, retryable: false });
  return { items, next: last };
}

/** One Mistral-style page: page `cursor` (0 first) of `pageSize` files. */
export async function numberedPage<F>(
  fetch: (page: number) => Promise<{ data: unknown[]; total?: unknown }>,
  info: (raw: unknown) => F,
  cursor: unknown,
  pageSize: number,
): Promise<Page<F, number>> {
  const page = typeof cursor === "number" ? cursor : 0;
  const answer = await fetch(page);
  const items = answer.data.map(info);
  // With a total, it says where the list ends; without one, a short (or empty) page is the last.
  const more = typeof answer.total === "number" ? (page + 1) * pageSize < answer.total : items.length >= pageSize;
  return { items, next: more && items.length > 0 ? page + 1 : undefined };
}
