// The report of a specs:update run, in Markdown: printed at the end of the run and written
// with --report FILE (the spec watch's pull-request body, or its issue when the run failed).
// Per provider: which pages changed, the bump and why, what changed per operation (a new
// operation: typed in the generated paths, callable through `raw`, covered by the contract
// tests, and not in the facade yet), the schema changes and the operations they reach, the
// public API's change, and the overrides applied or now redundant.
/** @import { OpenApiDocument } from "./lib/openapi.js" */
/** @import { Bump, Change } from "./diff.mjs" */
/** @import { Provenance } from "./lib/provenance.mjs" */
import { filesOperations } from "./lib/files-ops.mjs";
import { METHODS, operationsUsing } from "./lib/openapi-doc.mjs";

/**
 * What the report needs of one provider's planned and carried-out update.
 * @typedef {object} ReportInput
 * @property {string} provider
 * @property {OpenApiDocument} doc the new spec
 * @property {OpenApiDocument} before the spec as it was
 * @property {Provenance} trace
 * @property {string[]} changedPages
 * @property {string[]} removedPages
 * @property {Record<string, { url?: string, path?: string }>} found
 * @property {{ bump: Bump, changes: Change[] }} diff the spec's change
 * @property {{ bump: Bump, changes: { bump: Bump, path: string, text: string }[] }} [api] the public API's change
 * @property {Bump} bump
 * @property {boolean} generated whether the generated code changed
 * @property {string} [changeset] the changeset written
 */

const MAX_LINES = 40;

/** @param {string} method @param {string} path */
const opName = (method, path) => `${method.toUpperCase()} ${path}`;

/**
 * @param {ReportInput[]} inputs
 * @param {{ mode: string }} context how the pages were got ("fetch", or "--from DIR")
 */
export function runReport(inputs, { mode }) {
  const touched = inputs.filter((x) => x.changedPages.length || x.removedPages.length || x.diff.changes.length);
  const lines = [`# specs:update (${mode})`, ""];
  if (!touched.length) {
    lines.push(`Nothing changed upstream: ${inputs.map((x) => x.provider).join(", ")} as vendored.`);
    return `${lines.join("\n")}\n`;
  }
  lines.push(`| provider | bump | spec changes | public API changes | pages |`, `| --- | --- | --- | --- | --- |`);
  for (const x of touched) lines.push(`| ${x.provider} | ${x.generated ? x.bump : "none"} | ${x.diff.changes.length} | ${x.api ? x.api.changes.length : "no report"} | ${[...x.changedPages, ...x.removedPages.map((p) => `${p} (removed)`)].join(", ") || "none"} |`);
  for (const x of touched) lines.push("", ...section(x));
  const unchanged = inputs.filter((x) => !touched.includes(x)).map((x) => x.provider);
  if (unchanged.length) lines.push("", `Unchanged: ${unchanged.join(", ")}.`);
  return `${lines.join("\n")}\n`;
}

/** @param {ReportInput} x */
function section(x) {
  const out = [`## ${x.provider}: ${x.generated ? x.bump : "no release"}`, ""];
  const where = (/** @type {string} */ f) => x.found[f]?.url ?? x.found[f]?.path;
  const pages = [...x.changedPages.map((f) => `\`${f}\` ${x.trace.pages.has(f) && where(f) ? `(${where(f)})` : ""}`.trim()), ...x.removedPages.map((f) => `\`${f}\` removed upstream`)];
  out.push(`Pages: ${pages.join(", ") || "none changed"}.`, "");
  out.push(`Bump: ${why(x)}`, "");
  if (x.changeset) out.push(`Changeset: \`${x.changeset}\`.`, "");

  // Per operation: its own changes, and a new one's place.
  /** @type {Map<string, string[]>} */
  const byOp = new Map();
  /** @type {Change[]} */
  const elsewhere = [];
  for (const c of x.diff.changes) {
    const k = c.keys;
    if (k[0] === "paths" && k[2] && /** @type {readonly string[]} */ (METHODS).includes(k[2])) {
      const name = opName(k[2], k[1]);
      byOp.set(name, [...(byOp.get(name) ?? []), `${c.text.slice(name.length).replace(/^[\s:]+/, "")} (${c.bump})`]);
    } else if (k[0] === "paths" && k.length === 2) {
      // A whole path: its operations, new (listed below) or gone.
      for (const m of METHODS) if (x.before.paths?.[k[1]]?.[m] && !x.doc.paths?.[k[1]]?.[m]) byOp.set(opName(m, k[1]), [`**operation removed** (${c.bump})`]);
    } else elsewhere.push(c);
  }
  const kinds = facadeKinds(x.doc);
  const ops = [];
  for (const [path, item] of Object.entries(x.doc.paths ?? {})) {
    for (const m of METHODS) {
      if (!item?.[m]) continue;
      const name = opName(m, path);
      const isNew = !x.before.paths?.[path]?.[m];
      const changes = byOp.get(name);
      byOp.delete(name);
      if (!isNew && !changes) continue;
      const id = item[m]?.operationId ? ` (\`${item[m]?.operationId}\`)` : "";
      const what = isNew
        ? `**new operation**: typed in the generated \`paths\`, callable as \`client.raw.${m.toUpperCase()}("${path}", …)\`, covered by the contract tests (every operation of the spec); **not in the facade yet**${kinds.get(name) ? ` (it reads as \`${kinds.get(name)}\`: route it in the profile's \`operations.${kinds.get(name)}\` to bring it in)` : ""}`
        : /** @type {string[]} */ (changes).join("; ");
      ops.push(`| ${name}${id} | ${what} |`);
    }
  }
  // Operations gone from the spec.
  for (const [name, changes] of byOp) ops.push(`| ${name} | ${changes.join("; ")} |`);
  if (ops.length) out.push("Operations:", "", "| operation | what changed |", "| --- | --- |", ...ops, "");

  if (elsewhere.length) {
    out.push("Elsewhere in the spec (schemas, with the operations that use them):", "");
    for (const c of elsewhere.slice(0, MAX_LINES)) {
      const component = c.keys[0] === "components" ? c.keys.slice(0, 3) : undefined;
      const users = component ? operationsUsing(x.doc, `#/${component.map((k) => k.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`) : [];
      out.push(`- ${c.text} (${c.bump})${users.length ? `; used by ${users.join(", ")}` : ""}`);
    }
    if (elsewhere.length > MAX_LINES) out.push(`- … and ${elsewhere.length - MAX_LINES} more`);
    out.push("");
  }

  if (x.api?.changes.length) {
    out.push(`Public API (\`packages/${x.provider}/api/public-api.txt\`):`, "", "```diff");
    for (const c of x.api.changes.slice(0, MAX_LINES)) out.push(`${c.bump === "major" ? "-" : "+"} ${c.text} (${c.bump})`);
    if (x.api.changes.length > MAX_LINES) out.push(`  … and ${x.api.changes.length - MAX_LINES} more`);
    out.push("```", "");
  }

  const applied = x.trace.overrides.filter((o) => o.changed).map((o) => `\`${o.name}\`${o.matched ? ` (a rule, on ${o.matched.join(", ")})` : ""}`);
  const redundant = x.trace.overrides.filter((o) => !o.changed).map((o) => `\`${o.name}\``);
  out.push(`Overrides (\`specs/${x.provider}/overrides.yaml\`): ${applied.length ? `applied ${applied.join(", ")}` : "none applied"}${redundant.length ? `; **now redundant** (upstream already says everything they add: remove them) ${redundant.join(", ")}` : ""}.`);
  return out;
}

/** The bump and why, in words. @param {ReportInput} x */
function why(x) {
  if (!x.generated) return x.diff.changes.length ? "none: the generated code is unchanged (words the types do not carry)" : "none: the spec is unchanged";
  const spec = `the spec diff alone says ${x.diff.bump}`;
  if (!x.api) return `**${x.bump}**, decided by the spec diff (no API report for this package yet).`;
  if (x.api.bump === "none") return `**${x.bump}**: the public API is unchanged (${x.diff.bump === "none" ? "nothing a caller sees" : "words, examples or names only"}); ${spec}.`;
  const top = x.api.changes.filter((c) => c.bump === x.api?.bump);
  return `**${x.bump}**, decided by the public API: ${x.api.changes.length} change${x.api.changes.length === 1 ? "" : "s"}, ${top.length} of them ${x.api.bump} (e.g. ${top[0]?.text}); ${spec}.`;
}

/**
 * The Files operation each operation of the spec reads as (list, upload, retrieve, content,
 * delete), by files-ops.mjs.
 * @param {OpenApiDocument} doc
 */
function facadeKinds(doc) {
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const [kind, op] of Object.entries(filesOperations(doc).ops)) if (op) out.set(opName(op.method, op.path), kind);
  return out;
}

/**
 * A failed run's report: what failed, in the run's own words (which name the page and the place).
 * @param {string} message
 * @param {{ mode: string }} context
 */
export function failureReport(message, { mode }) {
  return `# specs:update failed (${mode})\n\nNothing was changed. The run said:\n\n\`\`\`\n${message}\n\`\`\`\n`;
}
