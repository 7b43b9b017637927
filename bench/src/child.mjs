// One measurement in a fresh Node process, optionally under /usr/bin/time -v so the OS
// reports the peak RSS of the whole process.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

export const HAS_TIME = existsSync("/usr/bin/time");

export function runNode(args, { cwd, time = false, env } = {}) {
  return new Promise((resolve, reject) => {
    const useTime = time && HAS_TIME;
    const cmd = useTime ? "/usr/bin/time" : process.execPath;
    const full = useTime ? ["-v", process.execPath, ...args] : args;
    const child = spawn(cmd, full, { cwd, env: env ? { ...process.env, ...env } : process.env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`node ${args.join(" ")} exited ${code}: ${err.slice(-1500)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      resolve({ out, osMaxRssKb: rss ? Number(rss[1]) : undefined });
    });
  });
}

/** Runs a worker job and parses the JSON it prints. */
export async function runJob(cwd, args, opts = {}) {
  const { out, osMaxRssKb } = await runNode(["src/worker.mjs", ...args], { cwd, ...opts });
  return { ...JSON.parse(out), osMaxRssKb };
}
