import { variant } from "./src/variants.mjs";
const base = process.argv[2];
const names = process.argv.slice(3);
const vs = {};
for (const n of names) { vs[n] = await variant(n, base); for (let i = 0; i < 500; i++) await vs[n].list(); }
for (let round = 0; round < 3; round++) {
  const out = [];
  for (const n of names) { const c = process.cpuUsage(); for (let i = 0; i < 2000; i++) await vs[n].list(); const d = process.cpuUsage(c); out.push(`${n}: ${((d.user + d.system) / 2000).toFixed(0)}µs cpu/call`); }
  console.log(out.join("  |  "));
}
