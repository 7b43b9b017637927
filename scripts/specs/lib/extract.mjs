// Turn one vendored documentation page into OpenAPI fragments. The page shapes the
// providers publish:
//   - markdown with an OpenAPI document embedded in a ```yaml fence (Moonshot, MiniMax);
//   - Mintlify MDX with <ParamField>/<ResponseField> blocks and no OpenAPI (Novita): mdx.mjs;
//   - a plain OpenAPI 3.0/3.1 document, YAML or JSON (OpenAI, Mistral), filtered to the
//     Files operations by the provider's `select`: openapi-doc.mjs;
//   - a proto3 file with google.api.http annotations (Google's APIs, e.g. Gemini): proto.mjs.
// The rendered-markdown form of a Mintlify page (no field tags left) is refused by name:
// its nesting is gone, so reading it would lose fields silently.
/** @import { OpenApiDocument, PageSource, Select } from "./openapi.js" */
import { parse } from "yaml";
import { SpecSourceError } from "./errors.mjs";
import { mdxFragment } from "./mdx.mjs";
import { isDocumentFile, looksLikeOpenApiDocument, parseOpenApiDocument, selectOperations } from "./openapi-doc.mjs";
import { looksLikeProto, protoFragment } from "./proto.mjs";

export { SpecSourceError };

const FENCE = /^(`{3,})yaml[^\n]*\n([\s\S]*?)^\1\s*$/gm;

/**
 * Every embedded OpenAPI document of a markdown page.
 * @param {string} text
 * @param {string} pageName
 * @returns {OpenApiDocument[]}
 */
export function extractOpenApiFragments(text, pageName) {
  /** @type {OpenApiDocument[]} */
  const docs = [];
  for (const m of text.matchAll(FENCE)) {
    let doc;
    try {
      doc = parse(m[2]);
    } catch (err) {
      throw new SpecSourceError(`${pageName}: embedded YAML does not parse: ${err instanceof Error ? err.message : err}`);
    }
    if (doc && typeof doc === "object" && typeof doc.openapi === "string" && doc.paths) docs.push(doc);
  }
  return docs;
}

/**
 * Which of the formats above a page is in.
 * @param {string} text
 * @returns {"openapi" | "markdown+openapi" | "mdx" | "proto" | "rendered" | "unknown"}
 */
export function pageFormat(text, file = "") {
  if (looksLikeOpenApiDocument(text) || isDocumentFile(file)) return "openapi";
  if (looksLikeProto(text, file)) return "proto";
  for (const m of text.matchAll(FENCE)) if (/^openapi:/m.test(m[2])) return "markdown+openapi";
  if (/<(ResponseField|ParamField)\b/.test(text)) return "mdx";
  if (/\[\]\(#param-[\w-]+\)/.test(text)) return "rendered";
  return "unknown";
}

/**
 * One page -> one or more fragments; throws, naming the page, when it documents nothing.
 * `page`: { file, url?, operation? (hint for MDX pages without a request example) };
 * `select`: the provider's filter for plain OpenAPI documents ({ tags, pathPrefix, operationIds }).
 * @param {string} text
 * @param {Partial<PageSource> & { file: string }} page
 * @param {Select | undefined} select
 * @returns {OpenApiDocument[]}
 */
export function pageFragments(text, page, select) {
  const name = page.file;
  switch (pageFormat(text, name)) {
    case "openapi":
      return [selectOperations(parseOpenApiDocument(text, name), select, name)];
    case "markdown+openapi":
      return extractOpenApiFragments(text, name);
    case "mdx":
      return [mdxFragment(text, name, page.operation ?? page.mdx)];
    case "proto":
      return [protoFragment(text, name)];
    case "rendered":
      throw new SpecSourceError(
        `${name}: rendered markdown without <ParamField>/<ResponseField> tags (nested fields cannot be recovered from it); vendor the page's MDX source instead${page.url ? ` (${page.url})` : ""}`,
      );
    default:
      throw new SpecSourceError(`${name}: no embedded OpenAPI fragment found${page.url ? ` (was the page at ${page.url} changed?)` : ""}`);
  }
}
