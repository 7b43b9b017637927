// Mintlify MDX pages (Novita): no OpenAPI, but <ParamField> blocks for headers, path and
// query parameters and body fields, <ResponseField> blocks for the answer, and usually a
// request example (`curl --request DELETE --url https://host/path`) that names the
// operation. A hint from specs/sources.json stands in where the page names none.
/** @import { OpenApiDocument, Operation, OperationHint, Parameter, Schema } from "./openapi.js" */
import { SpecSourceError } from "./errors.mjs";

/**
 * A field tag of the page (<ParamField>, <ResponseField>, <Expandable>), its attributes, the
 * tags inside it and its own text; the page itself is the root (no tag).
 * @typedef {{ tag?: string, attrs: Record<string, string>, children: FieldNode[], text: string }} FieldNode
 */

const TAG = /<(\/?)(ResponseField|ParamField|Expandable)\b((?:[^>{]|\{[^}]*\})*?)(\/?)>/g;

/** @param {string} src */
function attrs(src) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const m of src.matchAll(/(\w+)=(?:"([^"]*)"|\{([^}]*)\})/g)) out[m[1]] = m[2] ?? m[3];
  return out;
}

/** @param {string} words */
export function pascal(words) {
  return words
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

const camel = (/** @type {string} */ words) => {
  const p = pascal(words);
  return p ? p[0].toLowerCase() + p.slice(1) : p;
};

/** @param {string} s */
function cleanText(s) {
  return s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n")
    .trim();
}

/**
 * Parse the field tree of an MDX page.
 * @param {string} text
 * @param {string} pageName
 * @returns {FieldNode}
 */
function fieldTree(text, pageName) {
  /** @type {FieldNode} */
  const root = { attrs: {}, children: [], text: "" };
  const stack = [root];
  let last = 0;
  for (const m of text.matchAll(TAG)) {
    const top = stack[stack.length - 1];
    top.text += text.slice(last, m.index);
    last = m.index + m[0].length;
    const [, closing, tag, rawAttrs, selfClosing] = m;
    if (closing) {
      const node = stack.pop();
      if (node?.tag !== tag) throw new SpecSourceError(`${pageName}: unbalanced <${tag}> in MDX fields`);
      continue;
    }
    /** @type {FieldNode} */
    const node = { tag, attrs: attrs(rawAttrs), children: [], text: "" };
    top.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (stack.length !== 1) throw new SpecSourceError(`${pageName}: unclosed <${stack[stack.length - 1].tag}> in MDX fields`);
  return root;
}

const FIELD_TYPES = new Set(["string", "integer", "number", "boolean", "array", "object", "file"]);

/**
 * @param {FieldNode} field
 * @param {Record<string, Schema>} schemas the page's named components, added to
 * @param {string} pageName
 * @returns {Schema}
 */
function schemaOf(field, schemas, pageName) {
  const { type = "string" } = field.attrs;
  const baseType = type.replace(/\[\]$/, "");
  if (!FIELD_TYPES.has(baseType)) throw new SpecSourceError(`${pageName}: field "${fieldName(field)}" has type "${type}", which the MDX reader does not know`);
  const bullets = [...field.text.matchAll(/^\s*\*\s+`([^`]+)`/gm)].map((m) => m[1]);
  const inlineEnum = field.text.match(/^\s*Enum:\s*(.+)$/m)?.[1];
  const enumValues = bullets.length ? bullets : inlineEnum ? [...inlineEnum.matchAll(/`([^`]+)`/g)].map((m) => m[1]) : [];
  const description = cleanText(field.text.replace(/^\s*\*\s+`[^`]+`.*$/gm, "").replace(/^\s*Enum:.*$/gm, ""))
    .replace(/\s*Available \w+:\s*$/i, "")
    .trim();
  /** @type {Schema} */
  const schema = {};
  /** @type {FieldNode[]} */
  const nested = [];
  /** @type {string | undefined} */
  let title;
  for (const child of field.children) {
    if (child.tag === "Expandable") {
      title = child.attrs.title;
      nested.push(...child.children.filter((c) => c.tag !== "Expandable"));
    } else nested.push(child);
  }
  /** @returns {Schema} */
  const objectOf = () => {
    /** @type {Schema & { properties: Record<string, Schema> }} */
    const obj = { type: "object", properties: {} };
    /** @type {string[]} */
    const required = [];
    for (const n of nested) {
      obj.properties[fieldName(n)] = schemaOf(n, schemas, pageName);
      if (n.attrs.required === "true") required.push(fieldName(n));
    }
    if (required.length) obj.required = required;
    // An Expandable titled "File Object Properties" names a reusable component.
    const named = title && /properties$/i.test(title) && title.replace(/\s*properties$/i, "").trim();
    if (named && named.toLowerCase() !== "properties" && named.length > 0) {
      const key = pascal(named);
      schemas[key] = obj;
      return { $ref: `#/components/schemas/${key}` };
    }
    return obj;
  };
  if (baseType === "file") Object.assign(schema, { type: "string", format: "binary" });
  else if (type.endsWith("[]")) Object.assign(schema, { type: "array", items: { type: baseType } });
  else if (baseType === "array") Object.assign(schema, { type: "array", items: nested.length ? objectOf() : {} });
  else if (baseType === "object") Object.assign(schema, nested.length ? objectOf() : { type: "object" });
  else schema.type = baseType;
  if (description) schema.description = description;
  if (enumValues.length) schema.enum = enumValues;
  return schema;
}

/** @returns {string} */
const fieldName = (/** @type {FieldNode} */ f) => f.attrs.name ?? f.attrs.body ?? f.attrs.path ?? f.attrs.query ?? f.attrs.header;

/**
 * The operation a page documents: from its request example, else from the hint.
 * @param {string} text
 * @param {string} pageName
 * @param {OperationHint} [hint]
 */
export function pageOperation(text, pageName, hint = {}) {
  let method = hint.method;
  let path = hint.path;
  const curl = /curl\b[^\n]*?(?:--request|-X)\s+([A-Z]+)[\s\S]{0,200}?--url\s+['"]?(https?:\/\/[^\s'"\\]+)/.exec(text);
  const frontmatter = /^(?:openapi|api):\s*["']?([A-Z]+)\s+(\S+?)["']?\s*$/im.exec(text);
  if (!method && curl) {
    method = curl[1].toLowerCase();
    path = decodeURI(new URL(curl[2]).pathname);
  } else if (!method && frontmatter) {
    method = frontmatter[1].toLowerCase();
    path = frontmatter[2].startsWith("http") ? decodeURI(new URL(frontmatter[2]).pathname) : frontmatter[2];
  }
  if (!method || !path) {
    throw new SpecSourceError(
      `${pageName}: an MDX page without a request example (curl --request METHOD --url URL): name its operation in specs/sources.json (pages["${pageName}"].operation: { method, path })`,
    );
  }
  const title = text.match(/^#\s+(.+)$/m)?.[1]?.trim();
  const operationId = hint.operationId ?? camel(title ?? `${method} ${path}`);
  return { method, path, operationId, schemaName: hint.schemaName ?? `${pascal(operationId)}Response`, title };
}

/**
 * Build an OpenAPI fragment from an MDX page's <ParamField>s and <ResponseField>s.
 * `hint` (optional, from specs/sources.json): { method, path, operationId, schemaName }.
 * @param {string} text
 * @param {string} pageName
 * @param {OperationHint} [hint]
 * @returns {OpenApiDocument}
 */
export function mdxFragment(text, pageName, hint) {
  const tree = fieldTree(text, pageName);
  const params = tree.children.filter((c) => c.tag === "ParamField");
  const fields = tree.children.filter((c) => c.tag === "ResponseField");
  if (fields.length === 0 && params.length === 0) throw new SpecSourceError(`${pageName}: no OpenAPI fragment and no <ParamField>/<ResponseField> blocks`);
  const op = pageOperation(text, pageName, hint);
  const lead = text
    .split(/^##\s/m)[0]
    .replace(/^>.*$/gm, "")
    .replace(/^#.*$/gm, "")
    .replace(/<[^>]+>/g, "")
    .trim();
  /** @type {Record<string, Schema>} */
  const schemas = {};
  /** @type {Parameter[]} */
  const parameters = [];
  /** @type {Schema & { properties: Record<string, Schema> }} */
  const body = { type: "object", properties: {} };
  /** @type {string[]} */
  const bodyRequired = [];
  for (const p of params) {
    const where = ["path", "query", "header", "body"].find((k) => p.attrs[k] !== undefined);
    if (!where) throw new SpecSourceError(`${pageName}: <ParamField> without path=, query=, header= or body=`);
    const name = p.attrs[where];
    // OpenAPI ignores Authorization, Content-Type and Accept header parameters (security and
    // media types say those); keeping them would invent an input no caller sets by hand.
    if (where === "header" && /^(authorization|content-type|accept)$/i.test(name)) continue;
    const schema = schemaOf(p, schemas, pageName);
    if (where === "body") {
      body.properties[name] = schema;
      if (p.attrs.required === "true") bodyRequired.push(name);
      continue;
    }
    const { description, ...rest } = schema;
    parameters.push({ name, in: where, required: where === "path" || p.attrs.required === "true", ...(description ? { description } : {}), schema: rest });
  }
  /** @type {Operation} */
  const operation = {
    tags: ["Files"],
    ...(op.title ? { summary: op.title } : {}),
    ...(lead ? { description: lead } : {}),
    operationId: op.operationId,
    ...(parameters.length ? { parameters } : {}),
  };
  if (Object.keys(body.properties).length) {
    if (bodyRequired.length) body.required = bodyRequired;
    const binary = Object.values(body.properties).some((s) => s.format === "binary");
    operation.requestBody = { required: bodyRequired.length > 0, content: { [binary ? "multipart/form-data" : "application/json"]: { schema: body } } };
  }
  if (fields.length) {
    /** @type {Schema & { properties: Record<string, Schema> }} */
    const res = { type: "object", properties: {} };
    /** @type {string[]} */
    const required = [];
    for (const f of fields) {
      res.properties[fieldName(f)] = schemaOf(f, schemas, pageName);
      if (f.attrs.required === "true") required.push(fieldName(f));
    }
    if (required.length) res.required = required;
    schemas[op.schemaName] = res;
    operation.responses = { 200: { description: "Success", content: { "application/json": { schema: { $ref: `#/components/schemas/${op.schemaName}` } } } } };
  } else {
    // No documented fields: the answer is the file itself (a content download).
    operation.responses = { 200: { description: "The file's content", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } } };
  }
  return { paths: { [op.path]: { [op.method]: operation } }, ...(Object.keys(schemas).length ? { components: { schemas } } : {}) };
}
