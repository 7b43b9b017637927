// workerd through miniflare (from the registry), with NO compatibility flags: no
// nodejs_compat, so no node: modules and no `process`. The worker is the esbuild bundle a
// Workers build would make (platform neutral, the workerd/worker/browser conditions).
import { dirname } from "node:path";
import { Miniflare, supportedCompatibilityDate } from "miniflare";
import { bundle } from "./bundle.mjs";
import { firstLine } from "./process.mjs";

const fail = (cells, err) => cells.map(() => ({ ok: false, error: firstLine(err) }));

export default {
  name: "workerd",
  filesystem: false,
  version: async () => `workerd (miniflare), compatibility date ${supportedCompatibilityDate}, no flags`,
  async run(ctx, cells) {
    let mf;
    try {
      const scriptPath = await bundle(ctx.project, "entries/worker.mjs", "dist/worker.js", {
        platform: "neutral",
        conditions: ["workerd", "worker", "browser"],
        mainFields: ["browser", "module", "main"],
      });
      mf = new Miniflare({ modules: true, scriptPath, modulesRoot: dirname(scriptPath), compatibilityDate: supportedCompatibilityDate, compatibilityFlags: [] });
      await mf.ready;
    } catch (err) {
      await mf?.dispose().catch(() => {});
      return fail(cells, err);
    }
    try {
      const results = [];
      for (const cell of cells) {
        const query = new URLSearchParams({ provider: cell.provider, baseUrl: cell.baseUrl, apiKey: cell.apiKey });
        const res = await mf.dispatchFetch(`http://worker/?${query}`);
        const text = await res.text();
        results.push(res.ok && text.startsWith("{") ? JSON.parse(text) : { ok: false, error: `worker answered ${res.status}: ${firstLine(text)}` });
      }
      return results;
    } catch (err) {
      return fail(cells, err);
    } finally {
      await mf.dispose();
    }
  },
};
