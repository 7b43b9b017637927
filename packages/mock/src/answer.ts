// What an operation of the mock is: it reads a request (parsing and checking it, changing
// nothing), then applies it (changing the mock's state) and answers. Faults sit between the
// two: a request can be read and then failed, left unanswered, or dropped before or after it
// was applied.
import type { IncomingMessage } from "node:http";
import type { SpecRoute } from "./model.js";
import type { FilePart } from "./multipart.js";

export interface Answer {
  status: number;
  json?: unknown;
  bytes?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Incoming {
  req: IncomingMessage;
  url: URL;
  /** Path parameters, decoded. */
  params: Record<string, string>;
  route: SpecRoute;
  /** What the request's multipart file parts carried (for the request log). */
  parts?: FilePart[];
  /** A fault cuts the connection once this many body bytes arrived (a resumable chunk keeps them). */
  cutAfterBytes?: number;
  /** The body ended early (cut by a fault, or the client gone): the request is applied as far as it got, never answered. */
  cut?: boolean;
  /** Body bytes read, where a handler counts them (a resumable upload's chunk). */
  bodyBytes?: number;
}

export interface Handler<I = unknown> {
  read(incoming: Incoming): Promise<I>;
  apply(input: I): Answer | Promise<Answer>;
}
