// After the CommonJS build (tsconfig.cjs.json → dist/cjs), mark dist/cjs as CommonJS: the
// package is "type": "module", so without this Node and TypeScript would read the emitted
// .js/.d.ts files there as ES modules. Usage: cjs-marker.mjs [package-dir ...] (default: .)
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const dirs = process.argv.length > 2 ? process.argv.slice(2) : ["."];
for (const dir of dirs) writeFileSync(join(dir, "dist/cjs/package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
