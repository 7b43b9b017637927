// The llm-files command line: ls | upload | get | content | rm over the facade.
import { Command, CommanderError, Option } from "commander";
import { createWriteStream, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createFiles, PROVIDERS, type FileInfo, type Files, type ProviderName } from "@llm-files/unified";
import { EXIT, UsageError, debugDetails, describeError, errorJson, exitCodeFor } from "./exit-codes.js";
import { safeJson, safeText } from "./terminal.js";
import { fileJson, fileTable } from "./output.js";
import { registry } from "@llm-files/registry";
import type { Io } from "./io.js";
import { apiKeyVariable, deleteNeedsPurpose, providerLabels, providersHelp, purposesHelp, sourceExample, undownloadableHelp } from "./provider-help.js";

export type { Io };

interface Globals {
  provider?: string;
  json?: boolean;
  apiKeyFile?: string;
  baseUrl?: string;
  mock?: boolean;
  debug?: boolean;
  timeout?: string;
  allowInsecureHttp?: boolean;
}

const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** A closed stdout (`llm-files content X | head -c 10`): the reader is done, as with cat. */
export const isClosedPipe = (err: unknown): boolean => (err as NodeJS.ErrnoException)?.code === "EPIPE" || (err as NodeJS.ErrnoException)?.code === "ERR_STREAM_DESTROYED";

export async function run(argv: string[], io: Io): Promise<number> {
  const cleanups: (() => Promise<void>)[] = [];
  let key: string | undefined;
  let debug = argv.includes("--debug");
  const jsonOut = argv.includes("--json");
  let usageText = "";
  const program = new Command("llm-files")
    .description(`Manage the files you keep at ${providerLabels()}.`)
    .addOption(new Option("-p, --provider <name>", "the provider, one of those below (or LLM_FILES_PROVIDER)").choices(PROVIDERS))
    .option("--json", "print one JSON document on stdout and nothing else")
    .option("--api-key-file <path>", "read the API key from this file (default: the provider's key variable, below)")
    .option("--base-url <url>", "the provider's base URL (default: the provider's base URL variable, below, then its documented server)")
    .option("--timeout <ms>", "per-request timeout in milliseconds")
    .option("--mock", "run against an in-process mock built from the provider's spec (no key, no network)")
    .option("--allow-insecure-http", "allow a plain http:// --base-url to a host other than this machine (sends the key unencrypted)")
    .option("--debug", "on error, print details (status, url, body excerpt, stack) with the key masked")
    .version(VERSION, "-V, --version", "print the version")
    .addHelpText("after", providersHelp())
    .showHelpAfterError("(run llm-files --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      // With --json a usage error is reported in the one JSON document instead.
      writeErr: (s) => {
        if (jsonOut) usageText += s;
        else io.stderr.write(s);
      },
    });

  async function files(): Promise<{ files: Files<ProviderName>; g: Globals }> {
    const g = program.opts<Globals>();
    debug = g.debug === true;
    const provider = g.provider ?? io.env.LLM_FILES_PROVIDER;
    if (!provider) throw new UsageError(`no provider: pass --provider ${PROVIDERS.join("|")} or set LLM_FILES_PROVIDER`);
    return { files: await filesOf(provider, g), g };
  }
  /** A client of `provider`: its key from --api-key-file or its variable, its base URL from --base-url (or its variable, read by the library), or a mock's. */
  async function filesOf(provider: string, g: Globals, own?: { env: boolean }): Promise<Files<ProviderName>> {
    if (!(PROVIDERS as string[]).includes(provider)) throw new UsageError(`unknown provider "${provider}": use one of ${PROVIDERS.join(", ")}`);
    if (g.apiKeyFile) {
      try {
        key = (await readFile(g.apiKeyFile, "utf8")).trim();
      } catch (err) {
        throw new UsageError(`cannot read --api-key-file ${g.apiKeyFile}: ${(err as NodeJS.ErrnoException).code ?? err}`);
      }
    } else key = io.env[apiKeyVariable(provider)!];
    // cp names two providers: each reads its own variables (the flags would be ambiguous).
    let baseUrl = own?.env ? io.env[registry[provider as ProviderName].profile.env.baseUrl] || undefined : g.baseUrl;
    if (g.mock) {
      // The mock (its spec, its routes) and the commands below load when used: `llm-files ls`
      // starts without them (44 files at start before, the mock's 16 among them).
      const { startMock } = await import("./mock.js");
      const mock = await startMock(provider);
      cleanups.push(() => mock.stop());
      baseUrl = mock.url;
      key = "mock-key";
    }
    const timeoutMs = g.timeout === undefined ? undefined : Number(g.timeout);
    const allowInsecureHttp = g.allowInsecureHttp === true ? true : undefined;
    return createFiles({ provider: provider as ProviderName, apiKey: key, baseUrl, timeoutMs, allowInsecureHttp }) as Files<ProviderName>;
  }
  /** Files have a purpose at this provider (its profile's upload purposes). */
  const hasPurposes = (f: Files<ProviderName>) => registry[f.provider].profile.purposes.upload.length > 0;
  const print = (g: Globals, json: unknown, text: () => string): void => void io.stdout.write(g.json ? `${safeJson(json)}\n` : `${text()}\n`);

  program
    .command("ls")
    .description("list files (every page)")
    .option("--purpose <purpose>", "only files of this purpose (the provider's, below)")
    .option("--limit <n>", "at most this many files (pages past them are not fetched)")
    .addHelpText("after", purposesHelp("list"))
    .action(async (o: { purpose?: string; limit?: string }) => {
      const limit = o.limit === undefined ? undefined : Number(o.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit must be a whole number of files, 1 or more, got ${o.limit}`);
      const { files: f, g } = await files();
      const list: FileInfo[] = [];
      // Pages are fetched as they are read: with --limit, the ones past it never are.
      if (limit !== undefined) {
        // A small limit is also the page size: one request of that many files where the provider pages.
        for await (const file of f.iterate({ purpose: o.purpose as never, pageSize: limit <= 100 ? limit : undefined })) if (list.push(file) >= limit) break;
      } else list.push(...(await f.list({ purpose: o.purpose as never })));
      print(g, list.map(fileJson), () => fileTable(list));
    });

  program
    .command("upload")
    .description("upload files (paths or globs), several at a time")
    .argument("<files...>", "paths or glob patterns")
    .option("--purpose <purpose>", "what the files are for (the provider's purposes, below; where its files have none, leave it out)")
    .option("-c, --concurrency <n>", "uploads at a time", "4")
    .option("--wait", "after each upload, wait until the provider has processed the file; print its final state")
    .option("--wait-timeout <ms>", "with --wait: give up on a file after this many milliseconds", "600000")
    .option("--reconcile", "when an upload's outcome is unknown (sent whole, then no answer), list the files: use the stored copy, or send it again if none is there")
    .addHelpText("after", purposesHelp("upload"))
    .action(async (patterns: string[], o: { purpose?: string; concurrency: string; wait?: boolean; waitTimeout: string; reconcile?: boolean }) => {
      const { files: f, g } = await files();
      const { label, purposes } = registry[f.provider].profile;
      if (hasPurposes(f) && o.purpose === undefined) throw new UsageError(`--purpose is required for ${label}: one of ${purposes.upload.join(", ")}`);
      if (!hasPurposes(f) && o.purpose !== undefined) throw new UsageError(`${label}'s files have no purpose: leave out --purpose`);
      const concurrency = Number(o.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`--concurrency must be a whole number from 1 to 64, got ${o.concurrency}`);
      const waitTimeout = Number(o.waitTimeout);
      if (!Number.isFinite(waitTimeout) || waitTimeout <= 0) throw new UsageError(`--wait-timeout must be a positive number of milliseconds, got ${o.waitTimeout}`);
      const wait = o.wait ? { timeoutMs: waitTimeout } : undefined;
      const { uploadAll } = await import("./upload.js");
      const result = await uploadAll(f, patterns, { purpose: o.purpose, concurrency, json: g.json === true, io, wait, reconcile: o.reconcile });
      // Each file's recovery steps, where it took any (by the path it was uploaded from).
      const steps = (file: string | undefined) => (file !== undefined && result.recovered.has(file) ? { recovered: result.recovered.get(file) } : {});
      print(g, { ok: result.failed.length === 0, uploaded: result.uploaded.map((info) => ({ ...fileJson(info), ...steps(result.sources.get(info)) })), failed: result.failed.map((x) => ({ file: x.file, id: x.id, error: x.error.name, message: x.error.message, detail: errorJson(x.error), ...steps(x.file) })) }, () =>
        [result.uploaded.length ? fileTable(result.uploaded, { state: wait !== undefined }) : "", ...result.failed.map((x) => `failed: ${safeText(x.file)}: ${describeError(x.error)}`)].filter(Boolean).join("\n"),
      );
      if (result.failed.length) {
        const first = result.failed[0]!.error;
        throw Object.assign(new Error(`${result.failed.length} of ${result.failed.length + result.uploaded.length} uploads failed: ${result.failed.map((x) => x.file).join(", ")}`), {
          name: "UploadsFailed",
          exitCode: exitCodeFor(first) === EXIT.ok ? EXIT.other : exitCodeFor(first),
          quiet: g.json,
          reported: true,
        });
      }
    });

  program
    .command("get")
    .description("show one file")
    .argument("<id>")
    .action(async (id: string) => {
      const { files: f, g } = await files();
      const info = await f.retrieve(id);
      print(g, fileJson(info), () => fileTable([info]));
    });

  program
    .command("content")
    .description("write a file's content to a file or stdout, streamed")
    .argument("<id>")
    .option("-o, --output <file>", "write here instead of stdout")
    .action(async (id: string, o: { output?: string }) => {
      const { files: f } = await files();
      const res = await f.content(id);
      if (!res.body) return;
      try {
        await pipeline(Readable.fromWeb(res.body as never), o.output ? createWriteStream(o.output) : io.stdout, o.output ? {} : { end: false });
      } catch (err) {
        // The reader went away (| head): stop quietly, as cat does; the download is cancelled.
        if (!o.output && isClosedPipe(err)) return;
        throw err;
      }
    });

  const deleting = deleteNeedsPurpose();
  program
    .command("rm")
    .description("delete files (asks first when deleting more than one)")
    .argument("[ids...]")
    .option("--all", "every file of --purpose (every file, where the provider's files have no purpose)")
    .option("--purpose <purpose>", `the purpose (with --all${deleting ? `; ${deleting}'s delete takes it too, else the file's own is looked up` : ""})`)
    .option("-y, --yes", "do not ask")
    .addHelpText("after", purposesHelp("delete"))
    .action(async (ids: string[], o: { all?: boolean; purpose?: string; yes?: boolean }) => {
      const { files: f, g } = await files();
      if (o.all && ids.length) throw new UsageError("pass ids or --all, not both");
      // Where files have purposes, --all is every file of one; where they have none, every file.
      if (o.all && !o.purpose && hasPurposes(f)) throw new UsageError("--all needs --purpose: deleting every file of every purpose is not offered");
      if (o.purpose !== undefined && !hasPurposes(f)) throw new UsageError(`${registry[f.provider].profile.label}'s files have no purpose: leave out --purpose`);
      if (!o.all && ids.length === 0) throw new UsageError(`nothing to delete: pass ids, or --all${hasPurposes(f) ? " --purpose <purpose>" : ""}`);
      // --all never deletes unasked: on a terminal it asks, otherwise it needs --yes (even for one file).
      if (o.all && !o.yes && !io.stdin.isTTY) throw new UsageError(`refusing to delete every file${hasPurposes(f) ? " of a purpose" : ""} without confirmation: pass --yes`);
      const targets = o.all ? (await f.list({ purpose: o.purpose as never })).map((x: FileInfo) => x.id) : ids;
      if (targets.length === 0) {
        print(g, { ok: true, deleted: [], failed: [] }, () => "no files to delete");
        return;
      }
      if ((targets.length > 1 || o.all) && !o.yes) {
        if (!io.stdin.isTTY) throw new UsageError(`refusing to delete ${targets.length} files without confirmation: pass --yes`);
        const rl = createInterface({ input: io.stdin, output: io.stderr });
        const answer = await rl.question(`Delete ${targets.length} ${f.provider} files${o.purpose ? ` of purpose ${safeText(o.purpose)}` : ""}? [y/N] `);
        rl.close();
        if (!/^y(es)?$/i.test(answer.trim())) {
          if (g.json) print(g, { ok: true, deleted: [], failed: [], skipped: targets }, () => "");
          else io.stderr.write("nothing deleted\n");
          return;
        }
      }
      // Every target is tried; the outcome names what happened to each one.
      const deleted: string[] = [];
      const failed: { id: string; error: Error }[] = [];
      for (const id of targets) {
        try {
          await f.delete(id, o.purpose ? { purpose: o.purpose as never } : undefined);
          deleted.push(id);
          if (!g.json) io.stdout.write(`deleted ${safeText(id)}\n`);
        } catch (err) {
          failed.push({ id, error: err as Error });
          if (!g.json && targets.length > 1) io.stdout.write(`failed: ${safeText(id)}: ${describeError(err)}\n`);
        }
      }
      if (g.json) print(g, { ok: failed.length === 0, deleted, failed: failed.map((x) => ({ id: x.id, error: errorJson(x.error) })) }, () => "");
      if (failed.length) {
        const first = failed[0]!.error;
        if (targets.length === 1) throw Object.assign(first, { reported: g.json });
        throw Object.assign(new Error(`${failed.length} of ${targets.length} deletions failed: ${failed.map((x) => safeText(x.id)).join(", ")}`), {
          name: "DeletionsFailed",
          exitCode: exitCodeFor(first) === EXIT.ok ? EXIT.other : exitCodeFor(first),
          quiet: g.json,
          reported: true,
        });
      }
    });

  program
    .command("cp")
    .description("copy a file from one provider to another, streamed (flat memory), with progress")
    .argument("<source>", `<provider>:<id>, e.g. ${sourceExample()}`)
    .argument("<target>", "the provider to copy it to")
    .option("--purpose <purpose>", "the copy's purpose at the target (default: the source's, where the target takes it; none where the target's files have none)")
    .addHelpText("after", `\nEach provider's key and base URL come from its own variables (below, in llm-files --help); --mock copies between two mocks.\nThe upload declares the source's size; nothing is spooled to disk. A source that cannot be downloaded\n(${undownloadableHelp()}) is refused before anything moves (exit code 6).\n${purposesHelp("upload")}`)
    .action(async (sourceArg: string, targetArg: string, o: { purpose?: string }) => {
      const g = program.opts<Globals>();
      debug = g.debug === true;
      if (g.baseUrl !== undefined || g.apiKeyFile !== undefined || g.provider !== undefined) throw new UsageError("cp names both providers, and each reads its key and base URL from its own variables: leave out --provider, --base-url and --api-key-file");
      const made = new Map<string, Promise<Files<ProviderName>>>();
      const { copyFile } = await import("./copy.js");
      const result = await copyFile(sourceArg, targetArg, {
        purpose: o.purpose,
        json: g.json === true,
        io,
        files: (p) => {
          if (!made.has(p)) made.set(p, filesOf(p, g, { env: true }));
          return made.get(p)!;
        },
      });
      print(g, { ok: true, source: fileJson(result.source), copy: fileJson(result.copy), sizeFrom: result.sizeFrom }, () => fileTable([result.copy]));
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (err) {
    if (isClosedPipe(err)) return EXIT.ok;
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok;
      if (jsonOut) writeJson(io, { ok: false, error: { name: "UsageError", message: (usageText || err.message).trim().split("\n")[0], exitCode: EXIT.usage } });
      return EXIT.usage;
    }
    const code = (err as { exitCode?: number }).exitCode ?? exitCodeFor(err);
    const reported = (err as { reported?: boolean }).reported === true;
    // With --json, every outcome is one document on stdout (a multi-target command already printed its own).
    if (jsonOut && !reported) writeJson(io, { ok: false, error: errorJson(err) });
    if (!(err as { quiet?: boolean }).quiet) io.stderr.write(`${describeError(err)}\n`);
    if (debug) io.stderr.write(`${debugDetails(err, key)}\n`);
    return code;
  } finally {
    for (const c of cleanups) await c();
  }
}

function writeJson(io: Io, value: unknown): void {
  io.stdout.write(`${safeJson(value)}\n`);
}
