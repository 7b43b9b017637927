// Upload many files with bounded concurrency: a bar per file and one overall on a TTY,
// plain lines otherwise, nothing with --json.
import { MultiBar, Presets, type SingleBar } from "cli-progress";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { glob } from "tinyglobby";
import type { FileInfo, Files, ProviderName, UploadProgress, UploadRecovery, WaitOptions } from "@llm-files/unified";
import { UsageError } from "./exit-codes.js";
import { humanSize } from "./output.js";
import { safeText } from "./terminal.js";
import type { Io } from "./io.js";

/** A step taken to recover an upload, in words (for --json too). */
export interface Recovery {
  step: UploadRecovery["kind"];
  said: string;
}

export interface UploadResult {
  uploaded: FileInfo[];
  /** `id` is set when the upload went through and the wait for processing failed. */
  failed: { file: string; id?: string; error: Error }[];
  /** What happened on the way, by file: retries of uploads that were not stored, unknown outcomes settled by listing. */
  recovered: Map<string, Recovery[]>;
  /** The path each uploaded file came from. */
  sources: Map<FileInfo, string>;
}

/** What happened, in one line: the upload was not stored and went again, or its unknown outcome was settled. */
export function recoveryLine(step: UploadRecovery): string {
  const why = safeText(step.error.message.replace(/^\w+: /, ""));
  switch (step.kind) {
    case "retry":
      return `not stored, sent again (attempt ${step.attempt}): ${why}`;
    case "found":
      return `the outcome was unknown (${safeText(String((step.error.cause as Error | undefined)?.message ?? step.error.message))}); listing found the stored copy: ${safeText(step.file.id)}`;
    case "resend":
      return `the outcome was unknown (${safeText(String((step.error.cause as Error | undefined)?.message ?? step.error.message))}); listing found no stored copy: sent again`;
  }
}

export async function expand(patterns: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of patterns) {
    const isFile = await stat(p).then((s) => s.isFile(), () => false);
    if (isFile) out.push(p);
    else {
      const matches = /[*?[{]/.test(p) ? await glob(p, { onlyFiles: true, absolute: false }) : [];
      // A plain path that does not exist is left in, so the upload reports it by name.
      out.push(...(matches.length ? matches.sort() : /[*?[{]/.test(p) ? [] : [p]));
      if (!matches.length && /[*?[{]/.test(p)) throw new UsageError(`no file matches ${p}`);
    }
  }
  return [...new Set(out)];
}

export async function uploadAll(files: Files<ProviderName>, patterns: string[], o: { purpose?: string; concurrency: number; json: boolean; io: Io; wait?: WaitOptions; reconcile?: boolean }): Promise<UploadResult> {
  const paths = await expand(patterns);
  const sizes = await Promise.all(paths.map((p) => stat(p).then((s) => s.size, () => 0)));
  const total = sizes.reduce((a, b) => a + b, 0);
  const tty = !o.json && o.io.stderr.isTTY === true;
  const multi = tty ? new MultiBar({ stream: o.io.stderr as never, format: " {bar} {percentage}% | {name} | {value}/{total} B", hideCursor: true, clearOnComplete: false, forceRedraw: true }, Presets.shades_classic) : undefined;
  const overall = multi?.create(Math.max(total, 1), 0, { name: `all ${paths.length} files` });
  const loadedBy = new Map<string, number>();
  const result: UploadResult = { uploaded: [], failed: [], recovered: new Map(), sources: new Map() };
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      const path = paths[i]!;
      const bar: SingleBar | undefined = multi?.create(Math.max(sizes[i]!, 1), 0, { name: basename(path) });
      let id: string | undefined;
      try {
        let info = await files.upload(({
          file: path,
          // None where the provider's files have no purpose.
          ...(o.purpose !== undefined ? { purpose: o.purpose as never } : {}),
          onProgress: ({ loaded }: UploadProgress) => {
            bar?.update(loaded);
            loadedBy.set(path, loaded);
            overall?.update([...loadedBy.values()].reduce((a, b) => a + b, 0));
          },
          reconcile: o.reconcile,
          // Said as it happens (on a terminal too: above the bars), and kept for --json.
          onRecovery: (step: UploadRecovery) => {
            const said = recoveryLine(step);
            result.recovered.set(path, [...(result.recovered.get(path) ?? []), { step: step.kind, said }]);
            if (!o.json) (multi ? multi.log(`${safeText(path)}: ${said}\n`) : o.io.stderr.write(`${safeText(path)}: ${said}\n`));
          },
        }) as never);
        if (!o.json && !tty) o.io.stderr.write(`uploaded ${safeText(path)} -> ${safeText(info.id)} (${humanSize(info.bytes)})\n`);
        if (o.wait) {
          id = info.id;
          info = await files.waitUntilReady(info.id, o.wait);
          if (!o.json && !tty) o.io.stderr.write(`${safeText(info.id)}: ${info.state ?? (info.status === undefined ? "stored (the provider reports no processing status)" : safeText(info.status))}\n`);
        }
        result.uploaded.push(info);
        result.sources.set(info, path);
      } catch (err) {
        // Reported once, in the outcome the command prints.
        result.failed.push({ file: path, id, error: err as Error });
      } finally {
        bar?.update(sizes[i]!);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, paths.length) }, worker));
  multi?.stop();
  return result;
}
