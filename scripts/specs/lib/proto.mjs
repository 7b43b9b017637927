// A Protocol Buffers (proto3) file whose services carry `google.api.http` annotations, the form
// Google publishes its APIs in (googleapis/googleapis), read as an OpenAPI fragment:
//   - each rpc with an HTTP rule (and each of its additional_bindings) is an operation: the
//     rule's method and path template, path variables as path parameters (a resource name
//     pattern `{name=files/*}` becomes `files/{filesId}`, the naming Google's discovery
//     documents use in their flat paths), the request body (`body: "*"` the request message
//     without its path fields, `body: "field"` that field), the other request fields as query
//     parameters when there is no body, the response message (or `response_body` field) as
//     the 200 answer, and errors as AIP-193 describes them (`{ error: { code, message,
//     status, details } }`) as the default answer;
//   - messages and enums are component schemas in their proto3 JSON mapping: lowerCamelCase
//     field names (or json_name), 64-bit integers as decimal strings (format int64), bytes as
//     base64, enums as their value names, Timestamp as RFC 3339 text, Duration as "3.5s",
//     repeated as arrays, maps as objects; REQUIRED fields are required, OUTPUT_ONLY ones
//     readOnly; comments are descriptions;
//   - the service's default_host is the server.
// What a proto cannot say (security, media uploads) comes from authored fragments, as for any
// page. Types another file defines are referred to by name: the merged document must define them.
// Spec: https://protobuf.dev/reference/protobuf/proto3-spec/, https://google.aip.dev/127 (HTTP
// annotations), https://protobuf.dev/programming-guides/json/ (JSON mapping), https://google.aip.dev/193.
/** @import { OpenApiDocument, Operation, Parameter, PathItem, Schema } from "./openapi.js" */
import { SpecSourceError } from "./errors.mjs";

/** Is this page a .proto file? By name, else by its `syntax` line. */
export function looksLikeProto(text = "", file = "") {
  return /\.proto$/i.test(file) || /^\s*syntax\s*=\s*["']proto3["']\s*;/m.test(text);
}

/** @typedef {{ kind: "word" | "string" | "number" | "symbol", value: string, comment?: string, line: number }} Token */

/**
 * The tokens of a proto file; each carries the comment block right above it (its description).
 * @param {string} text
 * @param {string} page
 * @returns {Token[]}
 */
function tokenize(text, page) {
  /** @type {Token[]} */
  const out = [];
  /** The comment lines read since the last token, and the line the last of them is on. */
  /** @type {string[]} */
  let comment = [];
  let commentEnd = -1;
  let line = 1;
  const note = (/** @type {string[]} */ lines, /** @type {number} */ start, /** @type {number} */ end) => {
    // A comment block continues only on the next line; anything else starts a new one.
    if (commentEnd !== start - 1) comment = [];
    comment.push(...lines);
    commentEnd = end;
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === "\n") {
      line++;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (text.startsWith("//", i)) {
      const end = text.indexOf("\n", i);
      note([text.slice(i + 2, end === -1 ? text.length : end).replace(/^ /, "")], line, line);
      i = end === -1 ? text.length : end;
      continue;
    }
    if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      if (end === -1) throw new SpecSourceError(`${page}: line ${line}: a /* comment never ends`);
      const body = text.slice(i + 2, end);
      const start = line;
      line += (body.match(/\n/g) ?? []).length;
      note(body.split("\n").map((l) => l.replace(/^\s*\*? ?/, "")), start, line);
      i = end + 2;
      continue;
    }
    const take = (/** @type {Token["kind"]} */ kind, /** @type {string} */ value, /** @type {number} */ length) => {
      // The comment right above (ending on the line before) describes this token.
      const described = comment.length && commentEnd === line - 1 ? comment.join("\n").trim() : "";
      out.push({ kind, value, line, ...(described ? { comment: described } : {}) });
      comment = [];
      commentEnd = -1;
      i += length;
    };
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = "";
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === "\\") {
          j++;
          value += text[j] === "n" ? "\n" : text[j] === "t" ? "\t" : text[j];
        } else value += text[j];
      }
      if (j >= text.length) throw new SpecSourceError(`${page}: line ${line}: a string never ends`);
      take("string", value, j + 1 - i);
      continue;
    }
    const word = /^\.?[A-Za-z_][\w.]*/.exec(text.slice(i, i + 200));
    if (word) {
      take("word", word[0], word[0].length);
      continue;
    }
    const number = /^-?(?:0x[\da-f]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?)/i.exec(text.slice(i, i + 40));
    if (number) {
      take("number", number[0], number[0].length);
      continue;
    }
    take("symbol", c, 1);
  }
  return out;
}

/** @typedef {{ name: string, type: string, repeated: boolean, map?: { key: string, value: string }, number: string, jsonName?: string, behaviors: string[], comment?: string, oneof?: string }} Field */
/** @typedef {{ kind: "message", name: string, fullName: string, fields: Field[], comment?: string }} Message */
/** @typedef {{ kind: "enum", name: string, fullName: string, values: { name: string, comment?: string }[], comment?: string }} Enum */
/** @typedef {{ name: string, request: string, response: string, http: HttpRule[], comment?: string }} Rpc */
/** @typedef {{ method: string, path: string, body?: string, responseBody?: string }} HttpRule */
/** @typedef {{ name: string, rpcs: Rpc[], defaultHost?: string, comment?: string }} Service */
/** @typedef {{ syntax?: string, package: string, types: Map<string, Message | Enum>, services: Service[] }} ProtoFile */

/** @typedef {string | number | boolean | Aggregate | Aggregate[]} OptionValue */
/** @typedef {{ [key: string]: OptionValue | OptionValue[] }} Aggregate */

/**
 * A proto3 file's declarations (messages, enums and services; nested ones under their parent's name).
 * @param {string} text
 * @param {string} page
 * @returns {ProtoFile}
 */
export function parseProto(text, page) {
  const tokens = tokenize(text, page);
  let i = 0;
  const peek = () => tokens[i];
  const fail = (/** @type {string} */ what) => {
    const t = tokens[i] ?? tokens[tokens.length - 1];
    throw new SpecSourceError(`${page}: line ${t?.line ?? 0}: ${what}${t ? ` (at ${JSON.stringify(t.value)})` : ""}`);
  };
  const next = () => tokens[i++] ?? fail("the file ends too early");
  const expect = (/** @type {string} */ value) => (next().value === value ? undefined : (i--, fail(`expected "${value}"`)));
  const accept = (/** @type {string} */ value) => (peek()?.value === value && peek()?.kind !== "string" ? (i++, true) : false);
  /** An option's name: `deprecated`, `(google.api.http)`, `(google.api.field_behavior)`. */
  const optionName = () => {
    if (accept("(")) {
      const name = next().value;
      expect(")");
      let rest = "";
      while (peek()?.value.startsWith(".") && peek()?.kind === "word") rest += next().value;
      return `(${name})${rest}`;
    }
    return next().value;
  };
  /** A constant: a string (adjacent strings joined), number, identifier, or an aggregate `{ k: v ... }`. @returns {OptionValue} */
  const constant = () => {
    const t = next();
    if (t.value === "{" && t.kind === "symbol") return aggregate();
    if (t.value === "[" && t.kind === "symbol") {
      /** @type {OptionValue[]} */
      const list = [];
      while (!accept("]")) {
        list.push(constant());
        accept(",");
      }
      return /** @type {Aggregate[]} */ (list);
    }
    if (t.kind === "string") {
      let s = t.value;
      while (peek()?.kind === "string") s += next().value;
      return s;
    }
    if (t.kind === "number") return Number(t.value);
    if (t.value === "true" || t.value === "false") return t.value === "true";
    return t.value;
  };
  /** @returns {Aggregate} */
  const aggregate = () => {
    /** @type {Aggregate} */
    const out = {};
    while (!accept("}")) {
      const key = next().value;
      accept(":");
      const value = constant();
      const had = out[key];
      // A repeated key (additional_bindings) collects its values.
      out[key] = had === undefined ? value : /** @type {OptionValue[]} */ ([...(Array.isArray(had) ? had : [had]), value]);
      accept(",") || accept(";");
    }
    return out;
  };
  /** `[ a = x, (b) = y ]` after a field or enum value. @returns {Record<string, OptionValue[]>} */
  const fieldOptions = () => {
    /** @type {Record<string, OptionValue[]>} */
    const out = {};
    if (!accept("[")) return out;
    do {
      const name = optionName();
      expect("=");
      (out[name] ??= []).push(constant());
    } while (accept(","));
    expect("]");
    return out;
  };
  /** Skips a statement or block it does not read (reserved, extensions, extend, unknown options). */
  const skipStatement = () => {
    let depth = 0;
    for (;;) {
      const t = next();
      if (t.kind !== "symbol") continue;
      if (t.value === "{") depth++;
      else if (t.value === "}") {
        if (--depth <= 0) return;
      } else if (t.value === ";" && depth === 0) return;
    }
  };

  /** @type {ProtoFile} */
  const file = { package: "", types: new Map(), services: [] };

  /** @param {string} prefix @param {string | undefined} comment */
  const enumBody = (prefix, comment) => {
    const name = next().value;
    /** @type {Enum} */
    const e = { kind: "enum", name, fullName: prefix + name, values: [], ...(comment ? { comment } : {}) };
    expect("{");
    while (!accept("}")) {
      const t = peek();
      if (t?.value === "option" || t?.value === "reserved") {
        skipStatement();
        continue;
      }
      const value = next();
      expect("=");
      next();
      fieldOptions();
      expect(";");
      e.values.push({ name: value.value, ...(value.comment ? { comment: value.comment } : {}) });
    }
    file.types.set(e.fullName, e);
  };

  /** @param {string} prefix @param {string | undefined} comment */
  const messageBody = (prefix, comment) => {
    const name = next().value;
    /** @type {Message} */
    const m = { kind: "message", name, fullName: prefix + name, fields: [], ...(comment ? { comment } : {}) };
    file.types.set(m.fullName, m);
    expect("{");
    /** @param {string | undefined} oneof */
    const body = (oneof) => {
      while (!accept("}")) {
        const t = /** @type {Token} */ (peek());
        if (t.value === ";") {
          i++;
          continue;
        }
        if (t.value === "message") {
          i++;
          messageBody(`${m.fullName}.`, t.comment);
          continue;
        }
        if (t.value === "enum") {
          i++;
          enumBody(`${m.fullName}.`, t.comment);
          continue;
        }
        if (t.value === "oneof") {
          i++;
          const group = next().value;
          expect("{");
          body(group);
          continue;
        }
        if (["option", "reserved", "extensions", "extend"].includes(t.value)) {
          skipStatement();
          continue;
        }
        let repeated = false;
        if (t.value === "repeated" || t.value === "optional" || t.value === "required") {
          repeated = t.value === "repeated";
          i++;
        }
        /** @type {Field["map"]} */
        let map;
        let type;
        if (peek()?.value === "map") {
          i++;
          expect("<");
          const key = next().value;
          expect(",");
          const value = next().value;
          expect(">");
          map = { key, value };
          type = "map";
        } else type = next().value;
        const fieldName = next().value;
        expect("=");
        const number = next().value;
        const options = fieldOptions();
        expect(";");
        const behaviors = (options["(google.api.field_behavior)"] ?? []).flatMap((v) => (Array.isArray(v) ? v : [v])).map(String);
        const jsonName = options.json_name?.[0];
        m.fields.push({
          name: fieldName,
          type,
          repeated,
          ...(map ? { map } : {}),
          number,
          ...(typeof jsonName === "string" ? { jsonName } : {}),
          behaviors,
          ...(t.comment ? { comment: t.comment } : {}),
          ...(oneof ? { oneof } : {}),
        });
      }
    };
    body(undefined);
  };

  /** @param {string | undefined} comment */
  const serviceBody = (comment) => {
    /** @type {Service} */
    const s = { name: next().value, rpcs: [], ...(comment ? { comment } : {}) };
    expect("{");
    while (!accept("}")) {
      const t = /** @type {Token} */ (peek());
      if (t.value === "option") {
        i++;
        const name = optionName();
        expect("=");
        const value = constant();
        expect(";");
        if (name === "(google.api.default_host)" && typeof value === "string") s.defaultHost = value;
        continue;
      }
      if (t.value !== "rpc") {
        skipStatement();
        continue;
      }
      i++;
      const name = next().value;
      expect("(");
      accept("stream");
      const request = next().value;
      expect(")");
      expect("returns");
      expect("(");
      accept("stream");
      const response = next().value;
      expect(")");
      /** @type {Rpc} */
      const rpc = { name, request, response, http: [], ...(t.comment ? { comment: t.comment } : {}) };
      if (accept("{")) {
        while (!accept("}")) {
          if (accept(";")) continue;
          expect("option");
          const option = optionName();
          expect("=");
          const value = constant();
          expect(";");
          if (option === "(google.api.http)" && value && typeof value === "object" && !Array.isArray(value)) rpc.http.push(...httpRules(value, `${s.name}.${name}`, page));
        }
      } else expect(";");
      s.rpcs.push(rpc);
    }
    file.services.push(s);
  };

  while (i < tokens.length) {
    const t = next();
    if (t.value === "syntax") {
      expect("=");
      file.syntax = String(constant());
      expect(";");
    } else if (t.value === "package") {
      file.package = next().value;
      expect(";");
    } else if (t.value === "import" || t.value === "option") skipStatement();
    else if (t.value === "message") messageBody("", t.comment);
    else if (t.value === "enum") enumBody("", t.comment);
    else if (t.value === "service") serviceBody(t.comment);
    else if (t.value === ";") continue;
    else if (t.value === "extend") skipStatement();
    else {
      i--;
      fail("expected a message, enum, service, option or import");
    }
  }
  if (file.syntax !== undefined && file.syntax !== "proto3") throw new SpecSourceError(`${page}: syntax "${file.syntax}" is not proto3 (only proto3's JSON mapping is read)`);
  return file;
}

const METHODS = ["get", "put", "post", "delete", "patch"];

/**
 * An HttpRule and its additional_bindings, as method + path (+ body).
 * @param {Aggregate} rule
 * @param {string} rpc
 * @param {string} page
 * @returns {HttpRule[]}
 */
function httpRules(rule, rpc, page) {
  const method = METHODS.find((m) => typeof rule[m] === "string");
  /** @type {HttpRule[]} */
  const out = [];
  if (method) {
    out.push({ method, path: /** @type {string} */ (rule[method]), ...(typeof rule.body === "string" && rule.body ? { body: rule.body } : {}), ...(typeof rule.response_body === "string" && rule.response_body ? { responseBody: rule.response_body } : {}) });
  } else if (rule.custom) throw new SpecSourceError(`${page}: ${rpc}: a custom HTTP method is not read`);
  const more = rule.additional_bindings;
  for (const b of Array.isArray(more) ? more : more ? [more] : []) if (b && typeof b === "object" && !Array.isArray(b)) out.push(...httpRules(/** @type {Aggregate} */ (b), rpc, page));
  return out;
}

/** lowerCamelCase, as the JSON mapping names a field. */
const jsonNameOf = (/** @type {Field} */ f) => f.jsonName ?? f.name.replace(/_([a-z\d])/g, (_, c) => c.toUpperCase());
const lowerFirst = (/** @type {string} */ s) => s[0].toLowerCase() + s.slice(1);

/** Scalar types in the proto3 JSON mapping. @type {Record<string, Schema>} */
const SCALARS = {
  double: { type: "number", format: "double" },
  float: { type: "number", format: "float" },
  int32: { type: "integer", format: "int32" },
  sint32: { type: "integer", format: "int32" },
  sfixed32: { type: "integer", format: "int32" },
  uint32: { type: "integer", format: "int64", minimum: 0 },
  fixed32: { type: "integer", format: "int64", minimum: 0 },
  // 64-bit integers are decimal strings in JSON: a JavaScript number would lose digits past 2^53.
  int64: { type: "string", format: "int64", pattern: "^-?\\d+$" },
  sint64: { type: "string", format: "int64", pattern: "^-?\\d+$" },
  sfixed64: { type: "string", format: "int64", pattern: "^-?\\d+$" },
  uint64: { type: "string", format: "int64", pattern: "^\\d+$" },
  fixed64: { type: "string", format: "int64", pattern: "^\\d+$" },
  bool: { type: "boolean" },
  string: { type: "string" },
  // OpenAPI 3.1 says base64 with contentEncoding (format: byte is 3.0's word for it).
  bytes: { type: "string", contentEncoding: "base64" },
};

/** Well-known types, by full name: inline schemas, or components every file that uses them defines alike. */
const WELL_KNOWN = {
  "google.protobuf.Timestamp": { inline: /** @type {Schema} */ ({ type: "string", format: "date-time", description: "RFC 3339 (google.protobuf.Timestamp)" }) },
  "google.protobuf.Duration": { inline: /** @type {Schema} */ ({ type: "string", pattern: "^-?\\d+(\\.\\d{1,9})?s$", description: "Seconds with up to nine fractional digits and an \"s\", e.g. \"3.5s\" (google.protobuf.Duration)" }) },
  "google.protobuf.FieldMask": { inline: /** @type {Schema} */ ({ type: "string", description: "Comma-separated lowerCamelCase field paths (google.protobuf.FieldMask)" }) },
  "google.protobuf.Struct": { inline: /** @type {Schema} */ ({ type: "object", additionalProperties: true }) },
  "google.protobuf.Value": { inline: /** @type {Schema} */ ({}) },
  "google.protobuf.Any": { inline: /** @type {Schema} */ ({ type: "object", properties: { "@type": { type: "string" } }, additionalProperties: true }) },
  "google.protobuf.Empty": {
    component: "Empty",
    schema: /** @type {Schema} */ ({ type: "object", description: "An empty JSON object (google.protobuf.Empty).", additionalProperties: false }),
  },
  "google.rpc.Status": {
    component: "Status",
    schema: /** @type {Schema} */ ({
      type: "object",
      description: "An error: its google.rpc.Code, a message for developers, and details (google.rpc.Status).",
      properties: {
        code: { type: "integer", format: "int32", description: "The status code, a value of google.rpc.Code." },
        message: { type: "string", description: "A developer-facing error message, in English." },
        details: { type: "array", items: { type: "object", properties: { "@type": { type: "string" } }, additionalProperties: true }, description: "Messages that carry the error details." },
      },
    }),
  },
};

/** The error body of an HTTP API transcoded from gRPC (AIP-193). @type {Schema} */
const ERROR_RESPONSE = {
  type: "object",
  description: "An error answer (https://google.aip.dev/193): the google.rpc.Status, with the code's name as `status`.",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "integer", format: "int32", description: "The HTTP status code." },
        message: { type: "string", description: "A developer-facing error message." },
        status: { type: "string", description: "The google.rpc.Code name, e.g. INVALID_ARGUMENT, NOT_FOUND." },
        details: { type: "array", items: { type: "object", properties: { "@type": { type: "string" } }, additionalProperties: true } },
      },
    },
  },
};

/**
 * One proto file as an OpenAPI fragment.
 * @param {string} text
 * @param {string} page
 * @returns {OpenApiDocument}
 */
export function protoFragment(text, page) {
  const file = parseProto(text, page);
  /** @type {Record<string, Schema>} */
  const schemas = {};
  const pkg = file.package ? `${file.package}.` : "";
  /** A component's name: the type's name inside the package ("File", "File.State"). */
  const componentOf = (/** @type {string} */ full) => (pkg && full.startsWith(pkg) ? full.slice(pkg.length) : full);

  /**
   * The type a field names, resolved as protoc does: from the innermost scope outwards.
   * @param {string} name
   * @param {string} scope the full name of the message the field is in
   * @returns {{ local?: Message | Enum, full: string }}
   */
  const resolve = (name, scope) => {
    if (name.startsWith(".")) return { local: file.types.get(componentOf(name.slice(1))), full: name.slice(1) };
    const parts = scope.split(".");
    for (let n = parts.length; n >= 0; n--) {
      const candidate = [...parts.slice(0, n), name].filter(Boolean).join(".");
      const local = file.types.get(candidate);
      if (local) return { local, full: pkg + candidate };
    }
    // Defined in another file: of this package when not qualified with another.
    return { full: name.includes(".") && !/^[A-Z]/.test(name) ? name : pkg + name };
  };

  /** @param {string} type @param {string} scope @returns {Schema} */
  const schemaOfType = (type, scope) => {
    const scalar = SCALARS[/** @type {keyof typeof SCALARS} */ (type)];
    if (scalar) return structuredClone(scalar);
    const { local, full } = resolve(type, scope);
    const known = WELL_KNOWN[/** @type {keyof typeof WELL_KNOWN} */ (full)];
    if (known) {
      if ("inline" in known) return structuredClone(known.inline);
      schemas[known.component] = structuredClone(known.schema);
      return { $ref: `#/components/schemas/${known.component}` };
    }
    if (local?.kind === "enum" && local.fullName.includes(".")) return enumSchema(local);
    return { $ref: `#/components/schemas/${componentOf(full)}` };
  };

  /** @param {Enum} e @returns {Schema} */
  const enumSchema = (e) => {
    const described = e.values.filter((v) => v.comment).map((v) => `- \`${v.name}\`: ${v.comment?.replace(/\s+/g, " ")}`);
    const description = [e.comment, ...described].filter(Boolean).join("\n");
    return { type: "string", enum: e.values.map((v) => v.name), ...(description ? { description } : {}) };
  };

  /** @param {Field} f @param {string} scope @returns {Schema} */
  const fieldSchema = (f, scope) => {
    /** @type {Schema} */
    let s = f.map ? { type: "object", additionalProperties: schemaOfType(f.map.value, scope) } : schemaOfType(f.type, scope);
    if (f.repeated) s = { type: "array", items: s };
    const notes = [];
    if (f.oneof) notes.push(`One of \`${f.oneof}\`: at most one of its fields is set.`);
    const description = [f.comment, ...notes].filter(Boolean).join("\n");
    // A $ref's siblings are allowed in 3.1: the field's words and behaviours stay with the field.
    if (description) s.description = description;
    if (f.behaviors.includes("OUTPUT_ONLY")) s.readOnly = true;
    if (f.behaviors.includes("INPUT_ONLY")) s.writeOnly = true;
    return s;
  };

  /** @param {Message} m @param {Set<string>} [without] fields left out (a request's path fields) @returns {Schema} */
  const messageSchema = (m, without = new Set()) => {
    /** @type {Record<string, Schema>} */
    const properties = {};
    /** @type {string[]} */
    const required = [];
    for (const f of m.fields) {
      if (without.has(f.name)) continue;
      properties[jsonNameOf(f)] = fieldSchema(f, m.fullName);
      if (f.behaviors.includes("REQUIRED")) required.push(jsonNameOf(f));
    }
    return { type: "object", ...(m.comment ? { description: m.comment } : {}), properties, ...(required.length ? { required } : {}) };
  };

  for (const t of file.types.values()) {
    if (t.kind === "message") schemas[componentOf(pkg + t.fullName)] = messageSchema(t);
    else if (!t.fullName.includes(".")) schemas[componentOf(pkg + t.fullName)] = enumSchema(t);
  }

  /** @type {Record<string, PathItem>} */
  const paths = {};
  let host;
  for (const service of file.services) {
    host ??= service.defaultHost;
    for (const rpc of service.rpcs) {
      rpc.http.forEach((rule, n) => {
        const request = resolve(rpc.request, "").local;
        const requestMessage = request?.kind === "message" ? request : undefined;
        const { path, params, pathFields } = openApiPath(rule.path, requestMessage, page, `${service.name}.${rpc.name}`);
        // The comment's first sentence is the summary, the whole comment the description.
        const summary = rpc.comment ? /^[^]*?[.!?](?=\s|$)/.exec(rpc.comment.replace(/\s+/g, " "))?.[0] ?? rpc.comment.split("\n")[0] : rpc.name;
        /** @type {Operation} */
        const op = {
          operationId: lowerFirst(rpc.name) + (n ? `_${n}` : ""),
          summary,
          tags: [service.name],
          ...(rpc.comment && rpc.comment.replace(/\s+/g, " ") !== summary ? { description: rpc.comment } : {}),
          "x-proto-rpc": `${pkg}${service.name}.${rpc.name}`,
        };
        /** @type {Parameter[]} */
        const parameters = [...params];
        if (rule.body && requestMessage) {
          // The whole request: its message (by reference, where no field went into the path), else the field named.
          const schema =
            rule.body === "*"
              ? pathFields.size === 0
                ? { $ref: `#/components/schemas/${componentOf(pkg + requestMessage.fullName)}` }
                : messageSchema(requestMessage, pathFields)
              : fieldOf(requestMessage, rule.body, page, rpc.name, fieldSchema);
          op.requestBody = { required: true, content: { "application/json": { schema } } };
        } else if (requestMessage) {
          for (const f of requestMessage.fields) {
            if (pathFields.has(f.name)) continue;
            const schema = fieldSchema(f, requestMessage.fullName);
            const { description, ...rest } = schema;
            parameters.push({ name: jsonNameOf(f), in: "query", required: f.behaviors.includes("REQUIRED"), ...(description ? { description: String(description) } : {}), schema: rest });
          }
        }
        if (parameters.length) op.parameters = parameters;
        const response = resolve(rpc.response, "");
        const responseSchema =
          rule.responseBody && response.local?.kind === "message"
            ? fieldOf(response.local, rule.responseBody, page, rpc.name, fieldSchema)
            : schemaOfType(rpc.response, "");
        schemas.ErrorResponse = structuredClone(ERROR_RESPONSE);
        op.responses = {
          200: { description: "A successful answer.", content: { "application/json": { schema: responseSchema } } },
          default: { description: "An error (AIP-193).", content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorResponse" } } } },
        };
        const item = (paths[path] ??= {});
        if (item[/** @type {"get"} */ (rule.method)]) throw new SpecSourceError(`${page}: ${rule.method.toUpperCase()} ${path} is bound by two rpcs`);
        item[/** @type {"get"} */ (rule.method)] = op;
      });
    }
  }
  /** @type {OpenApiDocument} */
  const doc = { openapi: "3.1.0" };
  if (file.services.length) doc.info = { title: `${file.package} ${file.services.map((s) => s.name).join(", ")}`, version: /\.(v\d\w*)$/.exec(file.package)?.[1] ?? "1" };
  if (host) doc.servers = [{ url: `https://${host}` }];
  if (Object.keys(paths).length) doc.paths = paths;
  if (Object.keys(schemas).length) doc.components = { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) };
  if (!doc.paths && !doc.components) throw new SpecSourceError(`${page}: the proto file declares no message and no annotated rpc`);
  return doc;
}

/**
 * A field of a message (a `body` or `response_body` rule), as its schema.
 * @param {Message} m
 * @param {string} name
 * @param {string} page
 * @param {string} rpc
 * @param {(f: Field, scope: string) => Schema} fieldSchema
 */
function fieldOf(m, name, page, rpc, fieldSchema) {
  const f = m.fields.find((x) => x.name === name);
  if (!f) throw new SpecSourceError(`${page}: ${rpc}: the HTTP rule names field "${name}", which ${m.name} does not have`);
  return fieldSchema(f, m.fullName);
}

/**
 * A path template (`/v1beta/{name=files/*}:download`) as an OpenAPI path and its parameters:
 * each `*` of a variable's pattern is a parameter named after the collection before it
 * (`files/*` -> `{filesId}`), a bare `{field}` keeps its field's JSON name.
 * @param {string} template
 * @param {Message | undefined} request
 * @param {string} page
 * @param {string} rpc
 * @returns {{ path: string, params: Parameter[], pathFields: Set<string> }}
 */
function openApiPath(template, request, page, rpc) {
  /** @type {Parameter[]} */
  const params = [];
  /** @type {Set<string>} */
  const pathFields = new Set();
  const path = template.replace(/\{([\w.]+)(?:=([^}]*))?\}/g, (_, field, pattern) => {
    const top = String(field).split(".")[0];
    pathFields.add(top);
    const f = request?.fields.find((x) => x.name === top);
    if (request && !f) throw new SpecSourceError(`${page}: ${rpc}: the path names field "${field}", which ${request.name} does not have`);
    const words = f?.comment ? ` ${f.comment.replace(/\s+/g, " ")}` : "";
    if (pattern === undefined || pattern === "*") {
      const name = f ? jsonNameOf(f) : field;
      params.push({ name, in: "path", required: true, ...(words ? { description: words.trim() } : {}), schema: { type: "string" } });
      return `{${name}}`;
    }
    const segments = String(pattern).split("/");
    return segments
      .map((seg, k) => {
        if (seg !== "*" && seg !== "**") return seg;
        const collection = segments[k - 1];
        const name = collection && collection !== "*" ? `${collection}Id` : `${field}${k}`;
        params.push({
          name,
          in: "path",
          required: true,
          description: `The part of \`${f ? jsonNameOf(f) : field}\` (\`${pattern}\`) after \`${segments.slice(0, k).join("/")}/\`.${words}`,
          schema: { type: "string" },
          "x-proto-field": f ? jsonNameOf(f) : field,
        });
        return `{${name}}`;
      })
      .join("/");
  });
  return { path, params, pathFields };
}
