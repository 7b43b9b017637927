// Node 20, ESM project, the packages resolved from node_modules as installed by npm.
import { cliArgs, eachCell, runEntry } from "./process.mjs";

export default {
  name: "node",
  filesystem: true,
  version: async () => `Node ${process.versions.node}`,
  run: (ctx, cells) => eachCell(cells, (cell) => runEntry(process.execPath, ["entries/cli.mjs", ...cliArgs(cell)], { cwd: ctx.project })),
};
