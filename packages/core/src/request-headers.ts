// The headers of a request the library builds itself (the Files operations, uploads): a plain
// map with the part of the WHATWG Headers interface the request policy and the transports use.
// Headers (undici's, on Node) converts and validates on every call and sorts on every
// iteration, a cost paid per request for values that are checked already: the key and the
// caller's headers where they are given (request-values.ts), the profile's and the library's
// own as constants. Node's setHeader and fetch's Headers still check what goes on the wire.

/** What a request's headers must offer: a WHATWG Headers does, and so does RequestHeaders. */
export type HeadersLike = Pick<Headers, "get" | "has" | "set" | "delete" | "forEach"> & Iterable<[string, string]>;

export class RequestHeaders implements HeadersLike {
  readonly #map = new Map<string, string>();

  constructor(init?: Record<string, string>) {
    if (init) for (const name in init) this.#map.set(name.toLowerCase(), init[name]!);
  }

  get(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.#map.set(name.toLowerCase(), String(value));
  }

  delete(name: string): void {
    this.#map.delete(name.toLowerCase());
  }

  forEach(fn: (value: string, name: string, parent: Headers) => void): void {
    for (const [name, value] of this.#map) fn(value, name, this as unknown as Headers);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#map.entries();
  }
}

/** `headers` as fetch and the Headers constructor take them. */
export const headersInit = (headers: HeadersLike): HeadersInit => (headers instanceof Headers ? headers : [...headers]);
