// The parts of an OpenAPI 3.0/3.1 document the scripts read, as types for their JSDoc. A
// document comes from YAML or JSON a provider wrote, so every member may be absent, and the
// index signatures keep the members nobody reads (x-* extensions, examples).

/** Any JSON value (what YAML.parse and JSON.parse give). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** What a schema says, but for `required` (a schema's list of names, a parameter's flag). */
interface SchemaFields {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  minimum?: number;
  maximum?: number;
  description?: string;
  title?: string;
  contentMediaType?: string;
  contentEncoding?: string;
}

export interface Schema extends SchemaFields {
  required?: string[];
  [key: string]: unknown;
}

/**
 * A node of a document with its $refs followed, as code that walks a document meets it: a
 * schema, a parameter, a request body or a response.
 */
export interface OpenApiNode extends SchemaFields {
  required?: string[] | boolean;
  in?: string;
  name?: string;
  schema?: Schema;
  content?: Record<string, MediaType>;
  [key: string]: unknown;
}

export interface Parameter {
  $ref?: string;
  name?: string;
  in?: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
  example?: unknown;
  [key: string]: unknown;
}

export interface MediaType {
  schema?: Schema;
  example?: unknown;
  [key: string]: unknown;
}

export interface RequestBody {
  $ref?: string;
  required?: boolean;
  description?: string;
  content?: Record<string, MediaType>;
  [key: string]: unknown;
}

export interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaType>;
  [key: string]: unknown;
}

export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: RequestBody;
  responses?: Record<string, Response>;
  security?: Record<string, string[]>[];
  "x-source"?: string;
  [key: string]: unknown;
}

export type PathItem = { [M in Method]?: Operation } & { parameters?: Parameter[]; [key: string]: unknown };

export interface Server {
  url: string;
  [key: string]: unknown;
}

export interface OpenApiDocument {
  openapi?: string;
  info?: { title?: string; version?: string; [key: string]: unknown };
  servers?: Server[];
  security?: Record<string, string[]>[];
  paths?: Record<string, PathItem>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** What the spec sources record per provider (specs/sources.json). */
export interface Select {
  tags?: string | string[];
  pathPrefix?: string | string[];
  operationIds?: string | string[];
}

export interface PageSource {
  url: string | null;
  captured?: string;
  note?: string;
  /** The operation an MDX page documents when its text names none. */
  operation?: OperationHint;
  mdx?: OperationHint;
}

export interface OperationHint {
  method?: string;
  path?: string;
  operationId?: string;
  schemaName?: string;
}

export interface SourceEntry {
  /** A provider's documentation index (llms.txt) and which of its links are pages of the Files API. */
  index?: string;
  pattern?: string;
  /** A provider that publishes one plain OpenAPI document: its URL. */
  document?: string;
  select?: Select;
  pages?: Record<string, PageSource>;
  /**
   * A provider that publishes rendered pages only: its fragments are authored
   * (specs/<provider>/authored/<file>), each with the pages it was written from (url, captured, note).
   */
  authored?: Record<string, PageSource>;
}

export type Sources = Record<string, SourceEntry>;

/** How a script's main() prints (console, or a test's collector). */
export interface Io {
  log(...parts: unknown[]): void;
  error(...parts: unknown[]): void;
}
