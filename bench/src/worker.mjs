// One measurement in a fresh process: node worker.mjs <job> <variant> <base> [args]
//   upload <path> <size>      -> { ms, maxRssKb }
//   list <n> <rounds>         -> { ms: [per round] }   (variants alternate in the parent)
//   retrieve <total> <conc>   -> { ms, rps }
import { variant } from "./variants.mjs";

const [job, name, base, a, b] = process.argv.slice(2);
const v = await variant(name, base);
const now = () => performance.now();
let out;
if (job === "upload") {
  const t = now();
  const r = await v.upload(a, Number(b));
  const bytes = r.bytes ?? r.file?.bytes;
  out = { ms: now() - t, maxRssKb: process.resourceUsage().maxRSS, bytes };
} else if (job === "list") {
  const n = Number(a);
  for (let i = 0; i < 200; i++) await v.list(); // warm-up
  const t = now();
  for (let i = 0; i < n; i++) await v.list();
  out = { ms: now() - t };
} else if (job === "retrieve") {
  const total = Number(a);
  const conc = Number(b);
  for (let i = 0; i < 200; i++) await v.retrieve("clg681objj8g9m7n4je0");
  let next = 0;
  const t = now();
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (next < total) {
        next++;
        await v.retrieve("clg681objj8g9m7n4je0");
      }
    }),
  );
  const ms = now() - t;
  out = { ms, rps: (total / ms) * 1000 };
}
process.stdout.write(JSON.stringify(out));
