// The 200 answer of every operation in a provider's OpenAPI document (as its package vendors
// it, @llm-files/registry's `spec()`), built from the document's examples the way a static
// mock does (@llm-files/testing's exampleOf).
import { operationExample } from "@llm-files/testing/providers";

/** [{ method, path: RegExp, template, operationId, contentType, body }] for one document. */
export function specRoutes(doc) {
  const routes = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op?.responses?.["200"]) continue;
      const { contentType, value } = operationExample(doc, method, template) ?? { contentType: "application/json", value: {} };
      const body = typeof value === "string" ? value : JSON.stringify(value);
      const path = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/?]+")}(\\?.*)?$`);
      routes.push({ method: method.toUpperCase(), path, template, operationId: op.operationId, contentType, body });
    }
  }
  return routes;
}
