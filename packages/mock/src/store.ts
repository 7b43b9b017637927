// The files the mock holds, with what moves on its clock: processing (uploaded → processed
// after `processingMs`, or failed), expiry (a file past its expires_at is gone), and the order
// lists walk them in. A file's fields are its answer as the provider writes it; the status,
// the id's JSON form and the download URL are filled in when it is answered.
import { randomBytes, randomUUID } from "node:crypto";
import type { FileState } from "@llm-files/core/profile";
import type { MockClock } from "./clock.js";
import { Int64 } from "./json.js";
import type { Model } from "./model.js";
import { deref, sample, typeOf, variantOf, type Schema } from "./spec.js";

export interface StoredFile {
  id: string;
  /** Creation order, the tie-break between files created in the same second. */
  seq: number;
  createdMs: number;
  fields: Record<string, unknown>;
  bytes: number;
  /** Undefined when the mock keeps no content (storeContent: false). */
  content?: Uint8Array;
  /** Processing ends at this time (on the mock's clock). */
  readyAtMs?: number;
  /** Set when processing fails (at readyAtMs): the provider's detail. */
  failure?: string;
  expiresAtMs?: number;
}

export interface NewFile {
  filename: string;
  purpose?: string;
  bytes: number;
  content?: Uint8Array;
  mimeType?: string;
  /** Upload fields that are file properties (visibility, ...). */
  extra?: Record<string, unknown>;
  expiresInSeconds?: number;
}

export interface StoreOptions {
  seed: boolean;
  bigIds: boolean;
  processingMs: number;
  failProcessing?: RegExp | ((file: { id: string; filename: string; purpose?: string; bytes: number }) => string | boolean | undefined | null);
}

export class FileStore {
  readonly files = new Map<string, StoredFile>();
  /** Where deleted and expired files stood in the order, so a cursor naming one still works. */
  private readonly gone = new Map<string, { createdMs: number; seq: number }>();
  private seq = 0;
  private nextInt: bigint;

  constructor(
    readonly model: Model,
    readonly clock: MockClock,
    readonly options: StoreOptions,
  ) {
    const { profile } = model;
    const seedIds = profile.ids === "int64" ? model.seeds.map((s) => BigInt(String(s[profile.file.id] ?? 0))) : [];
    this.nextInt = options.bigIds ? 2n ** 53n : seedIds.reduce((a, b) => (b > a ? b : a), 1_000_000_000_000n);
    if (options.seed) for (const s of model.seeds) this.seed(s);
  }

  private seed(example: Record<string, unknown>): void {
    const { profile } = this.model;
    const f = profile.file;
    const fields = { ...this.model.template, ...structuredClone(example) };
    const id = String(fields[f.id]);
    const createdMs = readTime(fields[f.createdAt]) ?? this.clock.now();
    // A sampled seed (a spec with no example file) has no time of its own: now, as the provider writes times.
    if (readTime(fields[f.createdAt]) === undefined) fields[f.createdAt] = this.time(createdMs);
    fields[f.bytes] = this.typed(f.bytes, this.model.seedContent.byteLength);
    // An example's expiry is years past: a seeded file does not expire.
    if (f.expiresAt) this.setOrDrop(fields, f.expiresAt, null);
    // An example's status is the processed one (the file is ready), whatever the example shows.
    if (f.status && this.model.profile.states?.ready.length && !this.model.profile.states.ready.includes(String(fields[f.status]))) fields[f.status] = this.model.profile.states.ready[0];
    this.files.set(id, { id, seq: this.seq++, createdMs, fields, bytes: this.model.seedContent.byteLength, content: this.model.seedContent });
  }

  newId(): string {
    const { model } = this;
    if (model.profile.ids === "int64") return String(++this.nextInt);
    if (model.idFormat === "uuid") return randomUUID();
    return model.idPrefix + randomBytes(12).toString("hex");
  }

  create(input: NewFile): StoredFile {
    const { profile, template, fileProps } = this.model;
    const f = profile.file;
    const now = this.clock.now();
    const id = this.newId();
    const fields: Record<string, unknown> = { ...structuredClone(template), ...(input.extra ?? {}) };
    fields[f.id] = id;
    fields[f.filename] = input.filename;
    fields[f.bytes] = this.typed(f.bytes, input.bytes);
    fields[f.createdAt] = this.time(now);
    if (input.purpose !== undefined && f.purpose !== undefined) fields[f.purpose] = input.purpose;
    for (const k of Object.keys(fields)) if (/^mime_?type$/i.test(k) && input.mimeType) fields[k] = input.mimeType;
    if (f.mimeType && input.mimeType) fields[f.mimeType] = input.mimeType;
    if (f.statusDetails && f.statusDetails in fields) fields[f.statusDetails] = templateDetail(fields[f.statusDetails]);
    const file: StoredFile = { id, seq: this.seq++, createdMs: now, fields, bytes: input.bytes, content: input.content };
    // The expiry asked for, else the provider's own retention (Gemini's 48 hours), else none.
    const expiresIn = input.expiresInSeconds ?? profile.retentionSeconds;
    if (f.expiresAt && fileProps.has(f.expiresAt)) {
      if (expiresIn !== undefined) {
        file.expiresAtMs = now + expiresIn * 1000;
        fields[f.expiresAt] = this.time(file.expiresAtMs);
      } else this.setOrDrop(fields, f.expiresAt, null);
    } else if (expiresIn !== undefined) file.expiresAtMs = now + expiresIn * 1000;
    const fail = this.options.failProcessing;
    const verdict = fail instanceof RegExp ? fail.test(input.filename) : fail ? fail({ id, filename: input.filename, purpose: input.purpose, bytes: input.bytes }) : undefined;
    if (verdict) file.failure = typeof verdict === "string" ? verdict : `the mock failed ${input.filename} on purpose (failProcessing)`;
    if (this.options.processingMs > 0) file.readyAtMs = now + this.options.processingMs;
    this.files.set(id, file);
    return file;
  }

  /** The file, unless it is gone (never there, deleted, or expired on the mock's clock). */
  get(id: string): StoredFile | undefined {
    this.sweep();
    return this.files.get(id);
  }

  delete(id: string): boolean {
    const file = this.files.get(id);
    if (!file) return false;
    this.gone.set(id, { createdMs: file.createdMs, seq: file.seq });
    return this.files.delete(id);
  }

  /** Every file still there. */
  all(): StoredFile[] {
    this.sweep();
    return [...this.files.values()];
  }

  /** Where a file (present or gone) stands in creation order. */
  position(id: string): { createdMs: number; seq: number } | undefined {
    const f = this.files.get(id);
    return f ? { createdMs: f.createdMs, seq: f.seq } : this.gone.get(id);
  }

  /** Drops the files whose expiry the clock has passed. */
  sweep(): void {
    const now = this.clock.now();
    for (const f of this.files.values()) if (f.expiresAtMs !== undefined && f.expiresAtMs <= now) this.delete(f.id);
  }

  /** Sets fields of a file's answers (not its id). */
  edit(id: string, fields: Record<string, unknown>): void {
    const file = this.get(id);
    if (!file) throw new TypeError(`@llm-files/mock: no file ${id} to edit`);
    if (this.model.profile.file.id in fields) throw new TypeError(`@llm-files/mock: a file's id (${this.model.profile.file.id}) cannot be edited`);
    Object.assign(file.fields, structuredClone(fields));
  }

  /** Fails a file's processing now, with the provider's detail. */
  fail(id: string, detail: string): void {
    const file = this.get(id);
    if (!file) throw new TypeError(`@llm-files/mock: no file ${id} to fail`);
    file.failure = detail;
    file.readyAtMs = undefined;
  }

  state(file: StoredFile): FileState | undefined {
    if (!this.model.profile.states) return undefined;
    if (file.readyAtMs !== undefined && this.clock.now() < file.readyAtMs) return "processing";
    return file.failure !== undefined ? "failed" : "ready";
  }

  /** The file as the given answer schema shows it: the schema's properties only, the status as of now. */
  render(file: StoredFile, schema: Schema | undefined, contentUrl: (f: StoredFile) => string): Record<string, unknown> {
    const { profile, doc } = this.model;
    const f = profile.file;
    const fields = { ...file.fields };
    const state = this.state(file);
    const states = profile.states;
    if (state && states && f.status) {
      // A state the provider has no value for (no "processing" value) shows as the ready one.
      const value = states[state][0] ?? states.ready[0];
      if (value !== undefined) fields[f.status] = value;
      // A dotted path (Gemini's error.message) is a field of an object.
      if (state === "failed" && f.statusDetails) setPath(fields, f.statusDetails, file.failure);
    }
    if (f.downloadUrl) fields[f.downloadUrl] = contentUrl(file);
    const out: Record<string, unknown> = {};
    const s = schema ? variantOf(doc, schema) : undefined;
    const props = s?.properties ?? Object.fromEntries(Object.keys(fields).map((k) => [k, {}]));
    const required = new Set(s?.required ?? []);
    for (const [name, p] of Object.entries(props)) {
      if (name in fields && fields[name] !== undefined) out[name] = fields[name];
      // A property this answer requires that the file lacks (Mistral's retrieve adds `deleted`).
      else if (required.has(name)) out[name] = sample(doc, p);
    }
    if (profile.ids === "int64") out[f.id] = new Int64(file.id);
    return out;
  }

  /** A number as the file schema types that field (an int64 sent as a string stays a string). */
  private typed(field: string, n: number): unknown {
    const p = this.model.fileSchema.properties?.[field];
    const s = p ? variantOf(this.model.doc, p) : undefined;
    return s && typeOf(s) === "string" ? String(n) : n;
  }

  /** A time as the provider writes it: seconds since the epoch, or RFC 3339 text. */
  time(ms: number): unknown {
    const { profile, fileSchema, doc } = this.model;
    const p = fileSchema.properties?.[profile.file.createdAt];
    const s = p ? variantOf(doc, p) : undefined;
    const rfc = profile.file.time === "rfc3339" || (s !== undefined && typeOf(s) === "string");
    return rfc ? new Date(ms).toISOString() : Math.floor(ms / 1000);
  }

  /** null where the schema allows it, else the field left out. */
  private setOrDrop(fields: Record<string, unknown>, name: string, value: null): void {
    const p = this.model.fileSchema.properties?.[name];
    const s = p ? deref(this.model.doc, p) : undefined;
    const nullable = s && (Array.isArray(s.type) ? s.type.includes("null") : ((s.anyOf ?? s.oneOf) as Schema[] | undefined)?.some((v) => deref(this.model.doc, v).type === "null"));
    if (nullable) fields[name] = value;
    else delete fields[name];
  }
}

/** A time field's value in milliseconds (seconds since the epoch, or date text). */
function readTime(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v * 1000;
  if (typeof v === "string" && v !== "") {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/** An example's status detail is about the example file: a new file starts with an empty one of the same type. */
function templateDetail(v: unknown): unknown {
  return typeof v === "string" ? "" : v === undefined ? undefined : null;
}

/** Sets a (dotted) field path: "error.message" is `message` of the object `error`. */
function setPath(fields: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let at = fields;
  for (const p of parts.slice(0, -1)) at = (at[p] = at[p] && typeof at[p] === "object" ? { ...(at[p] as object) } : {}) as Record<string, unknown>;
  at[parts.at(-1)!] = value;
}
