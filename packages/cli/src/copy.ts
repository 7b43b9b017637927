// `llm-files cp <provider>:<id> <provider>`: a file copied from one provider to another,
// streamed: the source's download is the target's upload, chunk by chunk, so memory stays flat
// whatever the file's size (nothing is spooled to disk). The upload declares the file's size
// (the source's FileInfo.bytes, else the download's Content-Length), so a target that needs a
// length gets it; where neither says, the upload goes without one (chunked, or a resumable
// upload that finalizes on its last chunk). A source whose content cannot be downloaded (a
// provider with no download, or a file whose metadata says it has none) is refused before any
// byte moves, naming why.
import { SingleBar, Presets } from "cli-progress";
import { PROVIDERS, type FileInfo, type Files, type ProviderName, type UploadProgress } from "@llm-files/unified";
import { registry } from "@llm-files/registry";
import { UsageError } from "./exit-codes.js";
import { humanSize } from "./output.js";
import { safeText } from "./terminal.js";
import type { Io } from "./io.js";

export interface CopyOptions {
  purpose?: string;
  json: boolean;
  io: Io;
  /** Clients for a provider (its key and base URL from its own variables, or a mock's). */
  files(provider: ProviderName): Promise<Files<ProviderName>>;
}

export interface CopyResult {
  source: FileInfo;
  copy: FileInfo;
  /** Where the upload's declared size came from. */
  sizeFrom: "source's bytes" | "download's Content-Length" | "none (streamed without a declared length)";
}

/** "<provider>:<id>" → the provider and the id (an id may hold ":" or "/": only the first ":" splits). */
export function parseSource(arg: string): { provider: ProviderName; id: string } {
  const at = arg.indexOf(":");
  const provider = at < 0 ? "" : arg.slice(0, at);
  const id = at < 0 ? "" : arg.slice(at + 1);
  if (!(PROVIDERS as readonly string[]).includes(provider) || id === "") throw new UsageError(`the source is <provider>:<id> (providers: ${PROVIDERS.join(", ")}), got ${JSON.stringify(arg)}`);
  return { provider: provider as ProviderName, id };
}

export function checkTarget(arg: string): ProviderName {
  if (!(PROVIDERS as readonly string[]).includes(arg)) throw new UsageError(`unknown target provider "${arg}": use one of ${PROVIDERS.join(", ")}`);
  return arg as ProviderName;
}

/** The purpose the copy is uploaded with: --purpose, else the source's where the target takes it; none where the target's files have none. */
function targetPurpose(target: ProviderName, source: FileInfo, given: string | undefined): string | undefined {
  const { purposes, label } = registry[target].profile;
  const takes = purposes.upload as readonly string[];
  if (takes.length === 0) {
    if (given !== undefined) throw new UsageError(`${label}'s files have no purpose: leave out --purpose`);
    return undefined;
  }
  if (given !== undefined) return given;
  if (source.purpose !== undefined && takes.includes(source.purpose)) return source.purpose;
  throw new UsageError(`--purpose is needed: ${label} takes one of ${takes.join(", ")}${source.purpose === undefined ? "" : ` (the source's purpose, ${safeText(source.purpose)}, is not one of them)`}`);
}

export async function copyFile(sourceArg: string, targetArg: string, o: CopyOptions): Promise<CopyResult> {
  const { provider: from, id } = parseSource(sourceArg);
  const to = checkTarget(targetArg);
  const source = await o.files(from);
  const target = await o.files(to);
  const info = await source.retrieve(id);
  const purpose = targetPurpose(to, info, o.purpose);
  // Refused before any byte moves where the FileInfo or the provider says the content cannot be had.
  const res = await source.content(info);
  const declared = Number(res.headers.get("content-length"));
  const fromBytes = info.bytes !== null && info.bytes > 0 ? info.bytes : undefined;
  const fromLength = Number.isSafeInteger(declared) && declared > 0 ? declared : undefined;
  const size = fromBytes ?? fromLength;
  const sizeFrom: CopyResult["sizeFrom"] = fromBytes !== undefined ? "source's bytes" : fromLength !== undefined ? "download's Content-Length" : "none (streamed without a declared length)";
  const tty = !o.json && o.io.stderr.isTTY === true;
  const bar = tty ? new SingleBar({ stream: o.io.stderr as never, format: " {bar} {percentage}% | {name} | {value}/{total} B", hideCursor: true, clearOnComplete: false }, Presets.shades_classic) : undefined;
  bar?.start(Math.max(size ?? 1, 1), 0, { name: `${from}:${safeText(info.filename)} -> ${to}` });
  if (!o.json && !tty) o.io.stderr.write(`copying ${from}:${safeText(info.id)} (${safeText(info.filename)}, ${humanSize(size ?? null)}) to ${to}\n`);
  let lastLine = 0;
  try {
    const copy = await target.upload({
      file: res.body!,
      filename: info.filename,
      ...(size !== undefined ? { size } : {}),
      ...(purpose !== undefined ? { purpose } : {}),
      onProgress: ({ loaded, total }: UploadProgress) => {
        bar?.update(loaded);
        // Without a terminal, a line every 10 % (or every 64 MiB where the size is unknown).
        const step = total ? Math.max(1, Math.floor((loaded / total) * 10)) : Math.floor(loaded / (64 * 1024 * 1024));
        if (!o.json && !tty && step > lastLine) {
          lastLine = step;
          o.io.stderr.write(`  ${humanSize(loaded)}${total ? ` of ${humanSize(total)}` : ""}\n`);
        }
      },
    } as never);
    return { source: info, copy, sizeFrom };
  } finally {
    bar?.stop();
    // A download the upload did not read to the end (it failed, or was refused) is let go.
    await res.body?.cancel().catch(() => undefined);
  }
}
