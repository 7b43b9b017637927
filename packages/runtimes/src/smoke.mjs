// The one smoke walk every runtime runs, written against the packages' public API only, as
// a user would: the facade through upload (a Blob, and a path where there is a filesystem),
// list, retrieve, content and delete, and the provider's own package (its client, picked by the
// registry's clientFactory) for one retrieve. What it uploads, and the purpose a delete names
// where the provider's needs one, come from the provider's profile. It is copied into the
// consumer project next to the installed tarballs, with packages.mjs (written there by
// pack.mjs: each provider package imported by name, so a bundle holds them); the per-runtime
// entries (entries/*) call smoke() and report what it returned or threw.
import { createFiles, FilesError } from "@llm-files/unified";
import { clientFactory, registry } from "@llm-files/registry";
import { loadPackage } from "./packages.mjs";
import { sample } from "./samples.mjs";

function check(ok, what) {
  if (!ok) throw new Error(`check failed: ${what}`);
}

const bytesOf = (text) => new TextEncoder().encode(text).length;

/**
 * Runs the walk; resolves to the list of steps done, rejects on the first failure.
 * `path`: a file on disk written by the harness with sample(profile.sample, "path").text.
 * `browser`: first check that a client without `dangerouslyAllowBrowser` refuses.
 * `options`: extra client options (the browser passes its opt-in).
 */
export async function smoke({ provider, baseUrl, apiKey, path, browser = false, options = {} }) {
  const steps = [];
  if (browser) {
    // In a page the key is exposed to anyone who opens it: without the opt-in the client
    // must refuse, say why, and not repeat the key.
    const refused = await Promise.resolve()
      .then(() => createFiles({ provider, apiKey, baseUrl, maxRetries: 0 }).list())
      .then(() => undefined, (err) => err);
    check(refused instanceof Error && /dangerouslyAllowBrowser/.test(refused.message), `without dangerouslyAllowBrowser the client refuses, naming the option (got ${refused ? firstLine(refused) : "a list"})`);
    check(!refused.message.includes(apiKey), "the refusal does not repeat the key");
    steps.push("browser opt-in");
  }
  const { profile } = registry[provider];
  const files = createFiles({ provider, apiKey, baseUrl, maxRetries: 0, ...options });
  const del = (id) => files.delete(id, profile.operations.delete?.purpose ? { purpose: profile.sample.purpose } : undefined);

  const blob = sample(profile.sample, "blob");
  const up = await files.upload({ file: new Blob([blob.text]), filename: blob.filename, purpose: blob.purpose });
  check(typeof up.id === "string" && up.id !== "", `upload returned an id (${up.id})`);
  check(up.filename === blob.filename, `upload filename ${up.filename} is ${blob.filename}`);
  check(up.bytes === bytesOf(blob.text), `upload bytes ${up.bytes} is ${bytesOf(blob.text)}`);
  steps.push("upload(Blob)");

  let fromPath;
  if (path) {
    const onDisk = sample(profile.sample, "path");
    fromPath = await files.upload({ file: path, purpose: onDisk.purpose });
    check(fromPath.filename === onDisk.filename && fromPath.bytes === bytesOf(onDisk.text), `path upload arrived as ${fromPath.filename}, ${fromPath.bytes} B`);
    steps.push("upload(path)");
  }

  const listed = await files.list();
  const ids = listed.map((f) => f.id);
  check(ids.includes(up.id) && (!fromPath || ids.includes(fromPath.id)), `list holds the uploaded ids (got ${ids.join(", ")})`);
  steps.push("list");

  const got = await files.retrieve(up.id);
  check(got.id === up.id && got.filename === blob.filename, `retrieve answered ${got.id} ${got.filename}`);
  const createClient = clientFactory(provider, await loadPackage(profile.package));
  const own = await createClient({ apiKey, baseUrl, maxRetries: 0, ...options }).files.retrieve(up.id);
  check(String(own[profile.file.id]) === up.id, `the ${provider} package's retrieve answered ${own[profile.file.id]}`);
  steps.push("retrieve");

  // Content where the provider has it. Where a file's metadata says whether it can be downloaded
  // (Anthropic's: an upload cannot), the facade refuses one that says no, before any request;
  // where the provider has no download (Gemini's uploads), there is no content to ask for.
  const downloadable = profile.file.downloadable;
  if (!profile.operations.content) {
    const err = await Promise.resolve().then(() => files.content(up.id)).then(() => undefined, (e) => e);
    check(FilesError.isInstance(err) && err.name === "UnsupportedError", `content of a provider with no download is an UnsupportedError (got ${err ? firstLine(err) : "content"})`);
    steps.push("no content");
  } else if (downloadable && got.raw[downloadable] === false) {
    const err = await files.content(got).then(() => undefined, (e) => e);
    check(FilesError.isInstance(err) && err.name === "UnsupportedError", `content of a file that says ${downloadable}: false is an UnsupportedError (got ${err ? firstLine(err) : "content"})`);
    steps.push("content refused");
  } else {
    const text = await (await files.content(up.id)).text();
    check(text === blob.text, `content is the uploaded text (got ${JSON.stringify(text.slice(0, 40))})`);
    if (fromPath) check((await (await files.content(fromPath.id)).text()) === sample(profile.sample, "path").text, "content of the path upload");
    steps.push("content");
  }

  const gone = await del(up.id);
  check(gone.deleted === true && gone.id === up.id, `delete answered ${JSON.stringify(gone)}`);
  if (fromPath) await del(fromPath.id);
  const after = await files.retrieve(up.id).then(
    () => "still there",
    (err) => (FilesError.isInstance(err) && err.status === 404 ? "404" : err),
  );
  if (after !== "404") throw after instanceof Error ? after : new Error(`check failed: retrieve after delete: ${after}`);
  steps.push("delete");
  return steps;
}

/** One line for the table: the error's name and first line, never a stack. */
export function firstLine(err) {
  const text = err instanceof Error ? (err.name === "Error" ? err.message : `${err.name}: ${err.message}`) : String(err);
  return text.split("\n")[0].slice(0, 160);
}

/** smoke() as a result object: { ok: true, steps } or { ok: false, error }. */
export async function report(args) {
  try {
    return { ok: true, steps: await smoke(args) };
  } catch (err) {
    return { ok: false, error: firstLine(err) };
  }
}
