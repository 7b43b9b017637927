// Which Files operations a spec has, read from its paths (never assumed): the collection
// (list, upload), the item (retrieve, delete) and the item's content, with the upload's
// body form and the download's media type.
import { METHODS } from "./openapi-doc.mjs";

const deref = (doc, node) => {
  let n = node;
  for (let i = 0; n?.$ref && i < 20; i++) n = n.$ref.slice(2).split("/").reduce((o, k) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  return n;
};

function successContent(doc, op) {
  const status = Object.keys(op.responses ?? {}).find((s) => /^2/.test(s));
  const res = deref(doc, op.responses?.[status]);
  return { status: status ? Number(status) : undefined, types: Object.keys(res?.content ?? {}) };
}

export function filesOperations(doc) {
  const paths = Object.keys(doc.paths ?? {});
  const items = (p) => paths.filter((q) => q.startsWith(`${p}/{`) && /^\{[^/}]+\}$/.test(q.slice(p.length + 1)));
  const candidates = paths
    .map((p) => ({ p, item: items(p)[0] }))
    .filter(({ p, item }) => item || doc.paths[p].get || doc.paths[p].post)
    .map((c) => ({ ...c, score: (c.item ? 4 : 0) + (/files$/.test(c.p) ? 2 : 0) + (doc.paths[c.p].post ? 1 : 0) + (doc.paths[c.p].get ? 1 : 0) }))
    .sort((a, b) => b.score - a.score || a.p.length - b.p.length);
  const best = candidates[0];
  if (!best) return { ops: {} };
  const { p: collection, item } = best;
  const idParam = item?.slice(collection.length + 2, -1);
  const ops = {};
  const at = (path, method) => (path && doc.paths[path]?.[method] ? { path, method, op: doc.paths[path][method], ...successContent(doc, doc.paths[path][method]) } : undefined);
  ops.list = at(collection, "get");
  ops.upload = at(collection, "post");
  ops.retrieve = at(item, "get");
  ops.delete = at(item, "delete");
  const contentPath = item && paths.find((q) => q === `${item}/content`);
  ops.content = at(contentPath, "get");
  for (const k of Object.keys(ops)) if (!ops[k]) delete ops[k];
  // An id the path parameter's schema accepts (Prism checks it).
  const idSchema = deref(doc, [...(doc.paths[item]?.parameters ?? []), ...METHODS.flatMap((m) => doc.paths[item]?.[m]?.parameters ?? [])].map((p) => deref(doc, p)).find((p) => p?.in === "path" && p.name === idParam)?.schema) ?? {};
  const idValue = idSchema.example ?? idSchema.examples?.[0] ?? (idSchema.format === "uuid" ? "3b7d1c1e-3c5f-4a8e-9d3c-6f1e2a4b5c6d" : idSchema.type === "integer" ? "1024" : "file-abc123");
  if (ops.upload) {
    const body = deref(doc, ops.upload.op.requestBody);
    const types = Object.keys(body?.content ?? {});
    const multipart = types.includes("multipart/form-data");
    const schema = deref(doc, body?.content?.[multipart ? "multipart/form-data" : types[0]]?.schema) ?? {};
    const props = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, deref(doc, v)]));
    const fileField = Object.keys(props).find((k) => props[k]?.format === "binary" || props[k]?.contentMediaType) ?? (multipart ? "file" : undefined);
    const required = schema.required ?? [];
    // Required text fields get a value the schema allows (enum's first, else a word).
    const fields = {};
    for (const k of required) {
      if (k === fileField) continue;
      const s = props[k] ?? {};
      const variants = [s, ...(s.anyOf ?? []), ...(s.oneOf ?? [])].map((v) => deref(doc, v));
      const en = variants.find((v) => Array.isArray(v?.enum))?.enum ?? variants.find((v) => v?.const !== undefined && [v.const]);
      fields[k] = String(en?.[0] ?? (variants.some((v) => v?.type === "integer" || v?.type === "number") ? 1 : "sample"));
    }
    ops.upload.body = { form: multipart ? "multipart" : "raw", mediaType: types[0], fileField, fields };
  }
  return { collection, item, idParam, idValue: String(idValue), ops };
}

/** The path segments every path shares before the collection (`/v1`, `/openai/v1`, or ""). */
export function pathPrefix(doc, collection) {
  if (!collection) return "";
  const segs = collection.split("/").filter(Boolean).slice(0, -1);
  const all = Object.keys(doc.paths ?? {});
  let n = segs.length;
  while (n > 0 && !all.every((p) => p.startsWith(`/${segs.slice(0, n).join("/")}/`))) n--;
  return n ? `/${segs.slice(0, n).join("/")}` : "";
}

export { METHODS };
