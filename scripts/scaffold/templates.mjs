// The source files of a scaffolded provider package, in the shape of every provider package
// (packages/moonshot): src/profile.ts (the provider as data, from scaffold/profile.mjs, with
// its `provider` module for the registry and its types read off the profile and the generated
// paths), src/files.ts (its Files operations alone: core's over the profile, what the facade
// loads), src/index.ts (core's one client shape: those files and `raw` over one request policy,
// every export named), a contract test reading every operation from the spec, and a README.
/** @import { EnumSite, ProfileData } from "./profile.mjs" */
import { pascalName } from "./profile.mjs";

const q = JSON.stringify;

/**
 * A value as TypeScript source on one line: identifier keys bare, strings double-quoted.
 * @param {unknown} v
 * @returns {string}
 */
export function literal(v) {
  if (Array.isArray(v)) return `[${v.map(literal).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return entries.length ? `{ ${entries.map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : q(k)}: ${literal(x)}`).join(", ")} }` : "{}";
  }
  return q(v);
}

/**
 * The sample upload as source: a one-line JSON content as `JSON.stringify({...}) + "\n"`.
 * @param {{ purpose?: string, filename: string, content: string }} sample
 */
function sampleLiteral(sample) {
  const line = sample.content.endsWith("\n") && !sample.content.slice(0, -1).includes("\n") ? sample.content.slice(0, -1) : undefined;
  /** @type {unknown} */
  let json;
  try {
    json = line?.startsWith("{") ? JSON.parse(line) : undefined;
  } catch {
    json = undefined;
  }
  const content = json === undefined ? q(sample.content) : `JSON.stringify(${literal(json)}) + "\\n"`;
  return `{ ${sample.purpose === undefined ? "" : `purpose: ${q(sample.purpose)}, `}filename: ${q(sample.filename)}, content: ${content} }`;
}

/**
 * The names of the enum arrays generated code exports (openapi-typescript's `enumValues`), by
 * the type path of the enum they list: `export const fileObjectPurposeValues:
 * ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["FileObject"]["purpose"]> = [...]`.
 * @param {string} schemaTs the generated src/generated/schema.ts
 * @returns {Map<string, string>} JSON of the site -> the const's name
 */
export function enumArrays(schemaTs) {
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const m of schemaTs.matchAll(/^export const (\w+): ReadonlyArray<FlattenedDeepRequired<(paths|components)>((?:\["[^"]*"\])+)>/gm)) {
    const keys = [...m[3].matchAll(/\["([^"]*)"\]/g)].map((k) => k[1]);
    out.set(JSON.stringify([m[2], ...keys]), m[1]);
  }
  return out;
}

/**
 * The package's sources.
 * @param {ProfileData} data
 * @param {string} schemaTs the generated schema.ts (its enum arrays are the purposes)
 * @returns {Record<string, string>} path in the package -> text
 */
export function packageSources(data, schemaTs) {
  const { name } = data;
  const Name = pascalName(name);
  const T = `${Name}Types`;
  const arrays = enumArrays(schemaTs);
  /** @type {Set<string>} */
  const generated = new Set();
  /**
   * The generated array of an enum, else its values written out.
   * @param {EnumSite} e
   */
  const purposes = (e) => {
    const found = e.site && arrays.get(JSON.stringify(e.site));
    if (found) {
      generated.add(found);
      return found;
    }
    return `${literal(e.values)} as const`;
  };
  const ops = data.operations;
  const has = (/** @type {keyof ProfileData["operations"]} */ k) => ops[k] !== undefined;

  /** @type {string[]} */
  const consts = [];
  consts.push(`/** Purposes the upload endpoint accepts, from the spec. */\nexport const UPLOAD_PURPOSES = ${purposes(data.purposes.upload)};`);
  const samePurposes = JSON.stringify(data.purposes.list) === JSON.stringify(data.purposes.upload);
  consts.push(`/** Purposes a file can have, from the spec. */\nexport const PURPOSES = ${samePurposes ? "UPLOAD_PURPOSES" : purposes(data.purposes.list)};`);
  if (data.purposes.delete) consts.push(`/** Purposes the delete takes, from the spec. */\nexport const DELETE_PURPOSES = ${purposes(data.purposes.delete)};`);
  if (data.limit) {
    const [n, unit] = data.limit.maxLabel.split(" ");
    const power = { KB: 1, MB: 2, GB: 3, TB: 4 }[unit] ?? 2;
    consts.push(`/** ${q(data.limit.quote)} (the upload's description). */\nexport const MAX_FILE_BYTES = ${n}${" * 1024".repeat(power)};`);
  }
  const exported = ["UPLOAD_PURPOSES", "PURPOSES", ...(data.purposes.delete ? ["DELETE_PURPOSES"] : []), ...(data.limit ? ["MAX_FILE_BYTES"] : [])];

  const opLines = /** @type {const} */ (["list", "upload", "retrieve", "content", "delete"])
    .filter((k) => ops[k])
    .map((k) => `    ${k}: ${literal(ops[k])},`);
  const check = data.notes.length ? `\n// Check against the provider's documentation, the spec does not say:\n${data.notes.map((n) => `// - ${n}`).join("\n")}` : "";
  const lines = [
    `  name: ${q(name)},`,
    `  label: ${q(data.label)},`,
    `  package: ${q(data.package)},`,
    `  env: ${literal(data.env)},`,
    `  defaultBaseUrl: ${data.defaultBaseUrl ? "specInfo.servers[0]" : q("https://TODO.invalid")},`,
    ...(data.pathPrefix ? [`  pathPrefix: ${q(data.pathPrefix)},`] : []),
    ...(data.auth ? [`  auth: ${literal(data.auth)},`] : []),
    ...(data.query ? [`  query: ${literal(data.query)},`] : []),
    `  ids: ${q(data.ids)},`,
    `  operations: {`,
    ...opLines,
    `  },`,
    `  purposes: { upload: UPLOAD_PURPOSES, list: PURPOSES${data.purposes.delete ? ", delete: DELETE_PURPOSES" : ""} },`,
    `  file: ${literal(data.file)},`,
    ...(data.states ? [`  states: ${literal(data.states)},`] : []),
    `  limits: ${data.limit ? `{ maxBytes: MAX_FILE_BYTES, maxLabel: ${q(data.limit.maxLabel)} }` : "{}"},`,
    `  errors: ${literal({ message: data.errors.message, code: data.errors.code, type: data.errors.type })},`,
    `  sample: ${sampleLiteral(data.sample)},`,
  ];
  const typeNames = [
    ["FileObject", "file"],
    ...(has("delete") ? [["DeleteFileResponse", "deleted"]] : []),
    ...(has("list") ? [["ListFilesResponse", "page"]] : []),
    ["Purpose", "listPurpose"],
    ["UploadPurpose", "uploadPurpose"],
  ];
  const profile = `// ${data.label} as data, scaffolded by \`pnpm new-provider\` from specs/${name}/openapi.yaml: where its
// Files operations are (paths of the generated spec), where it takes the id, how its list pages,
// what its file object holds, how it answers errors, and what it takes. The client is core's one
// client shape over this profile (files.ts, index.ts).${check}
import type { Profile, ProviderModule, TypesOf } from "@llm-files/core";
import { ${[...[...generated].sort(), "type paths"].join(", ")} } from "./generated/schema.js";
${data.defaultBaseUrl ? `import { specInfo } from "./generated/spec-info.js";\n` : ""}
${consts.join("\n")}

export const profile = {
${lines.join("\n")}
} as const satisfies Profile;

/** What ${data.label}'s client works with, read off the profile and the spec. */
export type ${T} = TypesOf<paths, typeof profile>;
// Public names come from operations, not from generated component names: an upstream rename
// of a component leaves this package's API as it is.
${typeNames.map(([n, k]) => `export type ${n} = ${T}[${q(k)}];`).join("\n")}

/** ${data.label} for the registry: the profile now; its Files operations (the facade's) and its spec when first used (its client is the package's own entry, index.ts). */
export const provider: ProviderModule<${T}> = {
  profile,
  files: () => import("./files.js").then((m) => m.${name}Files),
  spec: () => import("./generated/spec.js").then((m) => m.spec),
};
// What the types above are made of, nameable through this entry (the registry's declarations refer to them here).
export type { paths, components } from "./generated/schema.js";
`;

  const files = `// ${data.label}'s Files operations alone: core's, over the profile. The client (index.ts) builds
// them over its request policy and adds \`raw\` over that same policy; the facade loads them
// alone (the profile's \`provider.files()\`), without the package's index or \`raw\`.
import { RequestPolicy, filesOperations, type ClientOptions, type Files } from "@llm-files/core";
import { profile, type ${T} } from "./profile.js";

/** ${data.label}'s Files operations, sent through the client's RequestPolicy (index.ts), or a new one over the caller's options (the facade's \`provider.files()\`). */
export function ${name}Files(options: ClientOptions | RequestPolicy = {}): Files<${T}> {
  const policy = options instanceof RequestPolicy ? options : new RequestPolicy(profile, options);
  return filesOperations<${T}>(policy, profile);
}
`;

  const index = `// ${data.package}: ${data.label}'s Files API, as core's one client shape over its profile
// (profile.ts) and generated paths. Every export is chosen and recorded in api/public-api.txt.
import { RequestPolicy, clientOf, type ClientOptions, type Files, type FilesClient, type UploadParams as Upload } from "@llm-files/core";
import { profile, type ${T} } from "./profile.js";
import { ${name}Files } from "./files.js";
import type { paths } from "./generated/schema.js";

export type ${Name}Files = Files<${T}>;
export type ${Name}Client = FilesClient<${T}, paths>;
export type UploadParams = Upload<${T}>;

/** A client for ${data.label}'s Files API; the key from \`apiKey\` or ${data.env.apiKey}, read at request time. */
export function create${Name}Client(options: ClientOptions = {}): ${Name}Client {
  const policy = new RequestPolicy(profile, options);
  return clientOf<${T}, paths>(policy, ${name}Files(policy));
}

export { profile, provider, ${exported.join(", ")} } from "./profile.js";
export type { ${[T, ...typeNames.map(([n]) => n)].join(", ")} } from "./profile.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations } from "./generated/schema.js";
// The errors its calls throw, and the options they take (the same classes in every llm-files package).
export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, OutcomeUnknownError, ValidationError } from "@llm-files/core";
export type { ClientOptions, CallOptions, FileInput, UploadProgress, UploadRecovery } from "@llm-files/core";
`;

  const test = `// Contract test on Prism started from specs/${name}/openapi.yaml, scaffolded by \`pnpm new-provider\`:
// every operation of the spec (read from its paths, not listed here) is called through the
// client (the Files operations through \`client.files\`, the others through \`client.raw\`); each
// answer must validate against its documented schema, and each documented error status must
// become a typed error. Never a particular example value, so a words-only upstream change
// cannot fail it.
import { fileURLToPath } from "node:url";
import { describeContract } from "@llm-files/testing";
import { create${Name}Client, profile, type ${Name}Client } from "../src/index.js";

describeContract<${Name}Client>({
  profile,
  spec: fileURLToPath(new URL("../../../specs/${name}/openapi.yaml", import.meta.url)),
  create: (options) => create${Name}Client(options),
  // An id the spec's id parameter accepts.
  fileId: ${q(data.idValue)},
  // Answers generated from the schemas: a provider's examples may not match its own schemas.
  dynamic: true,
});
`;

  const upload = ops.upload ? `const file = await ${name}.files.upload({ file: "./${data.sample.filename}"${data.sample.purpose === undefined ? "" : `, purpose: ${q(data.sample.purpose)}`} });\n` : "";
  const readme = `# ${data.package}

Typed client for ${data.label}'s Files API, scaffolded by \`pnpm new-provider\` from its OpenAPI
document (specs/${name}/): types generated by openapi-typescript, and \`@llm-files/core\`'s one
client shape over this package's profile (src/profile.ts) for typed errors, retries, timeouts
and uploads streamed from disk. ESM and CommonJS, Node ≥ 20.

## Example

\`\`\`ts
import { create${Name}Client } from "${data.package}";

const ${name} = create${Name}Client(); // ${data.env.apiKey} from the environment
${upload}console.log(await ${name}.files.list());
\`\`\`

\`files\`: ${["list", "upload", "retrieve", "content", "delete"].filter((k) => has(/** @type {keyof ProfileData["operations"]} */ (k))).map((k) => `\`${k}\``).join(", ")}, as every llm-files
package has them; \`raw\` is the openapi-fetch client typed by the spec's \`paths\`. Options
(\`apiKey\`, \`baseUrl\` or ${data.env.baseUrl}, \`fetch\`, \`headers\`, \`maxRetries\`, \`timeoutMs\`) and
errors are those of every llm-files package (see @llm-files/moonshot's README).
`;
  return { "src/profile.ts": profile, "src/files.ts": files, "src/index.ts": index, "test/contract.test.ts": test, "README.md": readme };
}
