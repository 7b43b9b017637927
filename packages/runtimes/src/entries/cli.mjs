// Node, Bun and Deno: `<runtime> cli.mjs <provider> <baseUrl> <apiKey> [path]`; prints the
// result as one JSON line. Arguments, not environment variables: Deno runs without env access.
import { report } from "../smoke.mjs";

const [provider, baseUrl, apiKey, path] = globalThis.Deno?.args ?? process.argv.slice(2);
console.log(JSON.stringify(await report({ provider, baseUrl, apiKey, path })));
