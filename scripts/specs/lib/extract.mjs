// Turn one vendored documentation page into an OpenAPI fragment.
// Two page shapes exist upstream: Mintlify markdown with a ```` ```yaml ```` OpenAPI
// document embedded (Moonshot, MiniMax), and MDX with <ParamField>/<ResponseField>
// blocks and no OpenAPI at all (Novita). Anything else is an error naming the page.
import { parse } from "yaml";

export class SpecSourceError extends Error {
  constructor(message) {
    super(message);
    this.name = "SpecSourceError";
  }
}

const FENCE = /^(`{3,})yaml[^\n]*\n([\s\S]*?)^\1\s*$/gm;

/** Every embedded OpenAPI document of a markdown page. */
export function extractOpenApiFragments(text, pageName) {
  const docs = [];
  for (const m of text.matchAll(FENCE)) {
    let doc;
    try {
      doc = parse(m[2]);
    } catch (err) {
      throw new SpecSourceError(`${pageName}: embedded YAML does not parse: ${err.message}`);
    }
    if (doc && typeof doc === "object" && typeof doc.openapi === "string" && doc.paths) docs.push(doc);
  }
  return docs;
}

// ---- MDX fields -> JSON Schema -------------------------------------------------

const TAG = /<(\/?)(ResponseField|ParamField|Expandable)\b([^>]*?)(\/?)>/g;

function attrs(src) {
  const out = {};
  for (const m of src.matchAll(/(\w+)=(?:"([^"]*)"|\{([^}]*)\})/g)) out[m[1]] = m[2] ?? m[3];
  return out;
}

function pascal(words) {
  return words
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

function cleanText(s) {
  return s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n")
    .trim();
}

/** Parse the field tree of an MDX page. */
function fieldTree(text) {
  const root = { children: [], text: "" };
  const stack = [root];
  let last = 0;
  for (const m of text.matchAll(TAG)) {
    const top = stack[stack.length - 1];
    top.text += text.slice(last, m.index);
    last = m.index + m[0].length;
    const [, closing, tag, rawAttrs, selfClosing] = m;
    if (closing) {
      const node = stack.pop();
      if (node.tag !== tag) throw new SpecSourceError(`unbalanced <${tag}> in MDX fields`);
      continue;
    }
    const node = { tag, attrs: attrs(rawAttrs), children: [], text: "" };
    top.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (stack.length !== 1) throw new SpecSourceError("unclosed MDX field block");
  return root;
}

function schemaOf(field, schemas) {
  const { name, type = "string" } = field.attrs;
  const description = cleanText(field.text.replace(/^\s*\*\s+`[^`]+`.*$/gm, "")).replace(/\s*Available \w+:\s*$/i, "").trim();
  const schema = {};
  const enumValues = [...field.text.matchAll(/^\s*\*\s+`([^`]+)`/gm)].map((m) => m[1]);
  const nested = [];
  let title;
  for (const child of field.children) {
    if (child.tag === "Expandable") {
      title = child.attrs.title;
      nested.push(...child.children.filter((c) => c.tag === "ResponseField"));
    } else if (child.tag === "ResponseField") nested.push(child);
  }
  const objectOf = () => {
    const obj = { type: "object", properties: {} };
    const required = [];
    for (const n of nested) {
      obj.properties[n.attrs.name] = schemaOf(n, schemas);
      if (n.attrs.required === "true") required.push(n.attrs.name);
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
  if (type === "array") {
    Object.assign(schema, { type: "array", items: nested.length ? objectOf() : {} });
  } else if (type === "object") {
    Object.assign(schema, nested.length ? objectOf() : { type: "object" });
  } else {
    schema.type = type;
  }
  if (description) schema.description = description;
  if (enumValues.length) schema.enum = enumValues;
  void name;
  return schema;
}

/**
 * Build an OpenAPI fragment from an MDX page's <ResponseField>s.
 * `op` comes from specs/sources.json: { method, path, operationId, schemaName }.
 */
export function mdxFragment(text, pageName, op) {
  const tree = fieldTree(text);
  const fields = tree.children.filter((c) => c.tag === "ResponseField");
  if (fields.length === 0) throw new SpecSourceError(`${pageName}: no OpenAPI fragment and no <ResponseField> blocks`);
  const title = text.match(/^#\s+(.+)$/m)?.[1]?.trim();
  const lead = text
    .split(/^##\s/m)[0]
    .replace(/^>.*$/gm, "")
    .replace(/^#.*$/gm, "")
    .trim();
  const schemas = {};
  const body = { type: "object", properties: {} };
  const required = [];
  for (const f of fields) {
    body.properties[f.attrs.name] = schemaOf(f, schemas);
    if (f.attrs.required === "true") required.push(f.attrs.name);
  }
  if (required.length) body.required = required;
  schemas[op.schemaName] = body;
  const operation = {
    tags: ["Files"],
    ...(title ? { summary: title } : {}),
    ...(lead ? { description: lead } : {}),
    operationId: op.operationId,
    responses: {
      200: {
        description: "Success",
        content: { "application/json": { schema: { $ref: `#/components/schemas/${op.schemaName}` } } },
      },
    },
  };
  return { paths: { [op.path]: { [op.method]: operation } }, components: { schemas } };
}

/** One page -> one or more fragments; throws when the page documents nothing. */
export function pageFragments(text, page) {
  if (page.mdx) return [mdxFragment(text, page.file, page.mdx)];
  const docs = extractOpenApiFragments(text, page.file);
  if (docs.length === 0) throw new SpecSourceError(`${page.file}: no embedded OpenAPI fragment found (was the page at ${page.url} changed?)`);
  return docs;
}
