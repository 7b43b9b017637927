// One measurement in a fresh process: node src/worker.mjs <job> <variant> <base> [args]
//   upload <path> <size>      -> { ms, maxRssKb, bytes, atPeak }   bytes: what the server says arrived;
//                                atPeak: process.memoryUsage() when RSS was highest
//   list <n> [warmup]         -> { ms, items }             after 200 (or `warmup`) warm-up calls
//   retrieve <total> <conc>   -> { ms, rps, id }           after 200 warm-up calls
// With BENCH_CPU_PROFILE=<file>, the measured loop (not start-up, not warm-up) runs under
// the V8 CPU profiler and the profile is written there.
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { ID, variant } from "./variants.mjs";

const [job, name, base, a, b] = process.argv.slice(2);
const v = await variant(name, base);
const now = () => performance.now();
const profileTo = process.env.BENCH_CPU_PROFILE;

async function measured(fn) {
  let session;
  if (profileTo) {
    session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    await session.post("Profiler.start");
  }
  const t = now();
  const result = await fn();
  const ms = now() - t;
  if (session) {
    const { profile } = await session.post("Profiler.stop");
    await writeFile(profileTo, JSON.stringify(profile));
    session.disconnect();
  }
  return { ms, result };
}

let out;
if (job === "upload") {
  // process.memoryUsage() at the highest RSS seen: where the peak memory sits.
  let atPeak = process.memoryUsage();
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > atPeak.rss) atPeak = m;
  }, 25);
  const { ms, result: bytes } = await measured(() => v.upload(a, Number(b)));
  clearInterval(sample);
  out = { ms, maxRssKb: process.resourceUsage().maxRSS, bytes, atPeak };
} else if (job === "list") {
  const n = Number(a);
  // The warm-up: 200 calls, or as many as asked (a long one measures the JIT-compiled steady state).
  const warmup = b === undefined ? 200 : Number(b);
  for (let i = 0; i < warmup; i++) await v.list();
  const { ms, result: items } = await measured(async () => {
    let last;
    for (let i = 0; i < n; i++) last = await v.list();
    return last.length;
  });
  out = { ms, items };
} else if (job === "retrieve") {
  const total = Number(a);
  const conc = Number(b);
  for (let i = 0; i < 200; i++) await v.retrieve(ID);
  let next = 0;
  const { ms, result: id } = await measured(async () => {
    let last;
    await Promise.all(
      Array.from({ length: conc }, async () => {
        while (next < total) {
          next++;
          last = await v.retrieve(ID);
        }
      }),
    );
    return last.id;
  });
  out = { ms, rps: (total / ms) * 1000, id };
} else throw new Error(`unknown job ${job}`);
process.stdout.write(JSON.stringify(out));
