// After the CommonJS build (tsc -p tsconfig.cjs.json → dist/cjs), mark dist/cjs as CommonJS:
// the package is "type": "module", so without this Node and TypeScript would read the
// emitted .js/.d.ts files there as ES modules.
import { writeFileSync } from "node:fs";
writeFileSync("dist/cjs/package.json", `${JSON.stringify({ type: "commonjs" })}\n`);
