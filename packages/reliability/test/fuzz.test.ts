// Fuzzing from the specs: Prism --dynamic (no invented properties, a fixed seed) serves random
// spec-valid answers to list / retrieve / upload / delete; the facade must turn each into a
// well-typed FileInfo (or delete result) or throw a typed FilesError, nothing else.
import { REPO_ROOT, startOwnPrism, startPrisms, tempFile, type Prism, type TempFile } from "@llm-files/testing";
import { type FileInfo } from "@llm-files/unified";
import { ANSWERS, FILE_ID, PROVIDERS, profileOf, type ProviderName } from "../src/bodies.js";
import { purposeOptions } from "../src/paths.js";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parse, stringify } from "yaml";
import { Tally } from "../src/summary.js";
import { PURPOSE, facade, isTyped, leaksOf } from "./helpers.js";

// Random answers per provider: issue 5's 500 for each of eight providers and MiniMax's docs
// reading (4,500 in all) in CI's full-size tier (`pnpm test:full-size`, LLM_FILES_FULL_SIZE=1),
// 100 each in `pnpm test`: an answer costs ~4 ms of CPU (Prism's faking and log, the checks),
// so 500 each would add ~14 s of CPU to the suite (the two Prisms' start, ~5 s, is paid either
// way). FUZZ_PER_RUN=N for another count by hand.
const PER_RUN = Number(process.env.FUZZ_PER_RUN) || (process.env.LLM_FILES_FULL_SIZE ? 500 : 100);
const SEED = 42;
const tally = new Tally("fuzz");
let file: TempFile;

beforeAll(async () => {
  file = await tempFile('{"custom_id":"1"}\n', "fuzz.jsonl");
});
/**
 * Every provider's spec, its dynamic Prism in one process (started on first use): one load of
 * Prism, and one seeded Math.random, so the answers depend only on the seed and the order of
 * the tests. The docs reading below has its own process: its json-schema-faker options are per
 * process.
 */
const FUZZED = PROVIDERS;
let hosted: Promise<Prism[]> | undefined;
const seededPrism = async (p: ProviderName) => (await (hosted ??= startPrisms(FUZZED.map((provider) => ({ provider, dynamic: true, seed: SEED })))))[FUZZED.indexOf(p)]!;

afterAll(async () => {
  if (hosted) await Promise.all((await hosted).map((p) => p.stop()));
  await file.cleanup();
  tally.flush(inject("summaryDir"));
});

/** Every documented field type of a FileInfo; throws (fails the test) on the first wrong one. */
function checkFileInfo(p: ProviderName, x: FileInfo) {
  expect(typeof x.id === "string" && x.id.length > 0, `id ${JSON.stringify(x.id)}`).toBe(true);
  if (profileOf(p).ids === "int64") expect(x.id).toMatch(/^[1-9]\d*$/);
  expect(x.provider).toBe(p);
  expect(typeof x.filename).toBe("string");
  // A size, or null where the provider's profile says it may not know it (bytesNullable).
  if (x.bytes === null) expect(profileOf(p).file.bytesNullable, "bytes null").toBe(true);
  else expect(Number.isSafeInteger(x.bytes) && x.bytes >= 0, `bytes ${x.bytes}`).toBe(true);
  expect(x.createdAt instanceof Date && !Number.isNaN(x.createdAt.getTime()), `createdAt ${x.createdAt}`).toBe(true);
  // A purpose where the provider's files have one (its profile's file fields); none where they have none.
  expect(typeof x.purpose).toBe(profileOf(p).file.purpose ? "string" : "undefined");
  if (x.status !== undefined) expect(typeof x.status).toBe("string");
  if (x.expiresAt !== undefined) expect(x.expiresAt instanceof Date && !Number.isNaN(x.expiresAt.getTime())).toBe(true);
  if (x.downloadUrl !== undefined) expect(typeof x.downloadUrl).toBe("string");
  expect(typeof x.raw).toBe("object");
}

interface FuzzResult {
  infos: number;
  deletes: number;
  errors: Record<string, number>;
  requests: number;
  /** Distinct error messages (digits masked). */
  reasons: Set<string>;
  /** ServerErrors refusing a body or file object that lacked a field or had a wrong one. */
  refused: number;
}

async function fuzz(p: ProviderName, spec?: string): Promise<FuzzResult> {
  const prism = spec ? await startOwnPrism({ provider: p, spec, dynamic: true, seed: SEED }) : await seededPrism(p);
  const result: FuzzResult = { infos: 0, deletes: 0, errors: {}, requests: 0, reasons: new Set(), refused: 0 };
  try {
    const f = facade(p, prism.url, { timeoutMs: 10_000 }) as any;
    // An id the spec's own format allows (Prism refuses others): its example file's.
    const id = ANSWERS[p].exampleId ?? FILE_ID[p];
    const purpose = purposeOptions(p);
    const ops = [
      // The first files of the walk: a spec-valid page token is random words, so a whole walk
      // goes on until one repeats (ten pages and more); the walk's own checks are paging's tests.
      async () => {
        let n = 0;
        for await (const x of f.iterate(purpose.list) as AsyncIterable<FileInfo>) {
          checkFileInfo(p, x);
          result.infos++;
          if (++n >= 20) break;
        }
      },
      async () => (checkFileInfo(p, await f.retrieve(id)), result.infos++),
      async () => (checkFileInfo(p, await f.upload({ file: file.path, purpose: PURPOSE[p] })), result.infos++),
      async () => {
        const r = await f.delete(id, purpose.delete);
        expect(typeof r.id === "string" && r.id.length > 0 && r.deleted === true, JSON.stringify(r)).toBe(true);
        result.deletes++;
      },
    ];
    for (let i = 0; i < PER_RUN; i++) {
      try {
        await ops[i % ops.length]!();
      } catch (err) {
        if (!isTyped(err)) throw err; // anything but a typed error fails the test here, with its stack
        expect(leaksOf(err)).toEqual([]);
        result.errors[err.name] = (result.errors[err.name] ?? 0) + 1;
        if (err.name === "ServerError" && /unexpected (file object|response)/.test(err.message)) result.refused++;
        result.reasons.add(`${err.name}: ${err.message.replace(/\d+/g, "N").slice(0, 90)}`);
        tally.error(err);
      }
    }
  } finally {
    if (spec) await prism.stop();
  }
  // Prism's own log: one "Request received" line per request it answered.
  const received = () => (prism.logs().match(/Request received/g) ?? []).length;
  result.requests = received();
  tally.scenario(PER_RUN);
  tally.server(`Prism (dynamic) of ${p}${spec ? ", docs reading" : ""}`, received);
  const errors = Object.entries(result.errors).map(([k, v]) => `${v} ${k}`).join(", ") || "none";
  if (process.env.FUZZ_REASONS) console.log([...result.reasons].join("\n"));
  tally.note(`${p}${spec ? " (docs reading: no required fields)" : ""}: ${PER_RUN} calls, ${result.requests} responses, ${result.infos} FileInfo and ${result.deletes} delete results well-typed; typed errors: ${errors} (${result.refused} of them refusing an incomplete or mistyped object)`);
  return result;
}

describe("fuzzing from the specs (Prism --dynamic, fillProperties=false, seed 42)", () => {
  for (const p of FUZZED) {
    it(`${PER_RUN} random spec-valid answers for ${p}: well-typed results or typed errors only`, async () => {
      const r = await fuzz(p);
      expect(r.requests).toBeGreaterThanOrEqual(PER_RUN * 0.96);
      expect(r.infos + r.deletes, "fuzzing that never produced a result proves nothing").toBeGreaterThan(0);
    });
  }

  // A row about one provider's documented quirk: MiniMax's pages publish FileObject with no required properties.
  it(`${PER_RUN} answers for MiniMax as its docs publish FileObject (no required properties): ServerErrors counted`, async () => {
    // specs/minimax's overrides make the five fields required; the pages do not. Fuzz that reading too.
    const doc = parse(await readFile(join(REPO_ROOT, "specs/minimax/openapi.yaml"), "utf8"));
    delete doc.components.schemas.FileObject.required;
    delete doc.components.schemas.RetrieveFileObject.required;
    // Prism fakes every optional property unless told otherwise: leave out a random share of them (none to all).
    doc["x-json-schema-faker"] = { alwaysFakeOptionals: false, optionalsProbability: 1, fixedProbabilities: false };
    const dir = await mkdtemp(join(tmpdir(), "llm-files-fuzz-"));
    try {
      await writeFile(join(dir, "openapi.yaml"), stringify(doc));
      const r = await fuzz("minimax", join(dir, "openapi.yaml"));
      expect(r.requests).toBeGreaterThanOrEqual(PER_RUN * 0.96);
      expect(r.refused, "with fields left out, some answers must be refused as ServerError").toBeGreaterThan(0);
      expect(r.infos, "and some must still make complete FileInfos").toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
