// One Node process serving several Prism servers (mock or proxy), each on its own loopback port.
// Prism's cost is loading its modules (~2.4 s of CPU per process), not serving a spec, so a test
// run that needs seven Prisms pays that once instead of seven times. Each server is built the
// way `prism mock|proxy` builds it (@stoplight/prism-cli's createServer.js, 5.14.2): the same
// operations, the same config (request and response validation, security checks, --errors),
// Prism's own HTTP server and logger, at level info.
//
// Started by packages/testing/src/prism.ts (startPrisms) with an IPC channel; argv[2] is JSON:
//   [{ document, dynamic, errors, upstream? }, …]
// It answers { ready: [url, …] } once every server listens, or { failed: index, message }.
// Each server's log lines go to stdout prefixed with "[index] ", so a caller can read its own.
"use strict";
const { createRequire } = require("node:module");
const { Writable } = require("node:stream");

const cli = createRequire(require.resolve("@stoplight/prism-cli/package.json"));
const { createLogger } = cli("@stoplight/prism-core");
const { getHttpOperationsFromSpec } = cli("@stoplight/prism-http");
const { createServer } = cli("@stoplight/prism-http-server");
const { configureExtensionsUserProvided } = cli("./dist/extensions.js");

const servers = JSON.parse(process.argv[2]);

/** A log destination that prefixes each line with the server's index. */
function prefixed(index) {
  let pending = "";
  return new Writable({
    write(chunk, _enc, done) {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop();
      if (lines.length) process.stdout.write(lines.map((l) => `[${index}] ${l}\n`).join(""));
      done();
    },
  });
}

async function start(s, index) {
  const operations = await getHttpOperationsFromSpec(s.document);
  if (operations.length === 0) throw new Error(`No operations found in ${s.document}`);
  // json-schema-faker is one object per process: every dynamic server here generates without
  // invented properties (the CLI's --json-schema-faker-fillProperties=false); a static server
  // does not use it.
  await configureExtensionsUserProvided(s.document, { fillProperties: false });
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: Boolean(s.errors),
    upstreamProxy: undefined,
    mock: { dynamic: Boolean(s.dynamic), ignoreExamples: false, seed: null },
  };
  const config = s.upstream ? { ...shared, isProxy: true, upstream: new URL(s.upstream) } : { ...shared, isProxy: false };
  const logger = createLogger("CLI", { level: "info" }, prefixed(index));
  const server = createServer(operations, { cors: true, config, components: { logger: logger.child({ name: "HTTP SERVER" }) } });
  const address = await server.listen(0, "127.0.0.1");
  logger.info(`Prism is listening on ${address}`);
  return address;
}

(async () => {
  const urls = [];
  for (const [index, s] of servers.entries()) {
    try {
      urls.push(await start(s, index));
    } catch (err) {
      process.send({ failed: index, message: String(err?.stack ?? err) }, () => process.exit(1));
      return;
    }
  }
  process.send({ ready: urls });
})();
// The parent going away (a killed test run) takes the servers with it.
process.on("disconnect", () => process.exit(0));
