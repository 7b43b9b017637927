// CommonJS consumer: require() of the published packages (their "require" export).
const assert = require("node:assert/strict");
const walk = require("./walk.cjs");

const [kind, urlsJson] = process.argv.slice(2);
const urls = JSON.parse(urlsJson);
(async () => {
  if (kind === "moonshot") {
    assert.match(require.resolve("@llm-files/moonshot"), /dist[\\/]cjs[\\/]index\.js$/);
    const { createMoonshotClient, NotFoundError } = require("@llm-files/moonshot");
    const client = createMoonshotClient({ apiKey: "e2e-key", baseUrl: urls.moonshot });
    await walk("moonshot package (require)", client.files, { purpose: "file-extract", isGone: (e) => e instanceof NotFoundError });
  } else {
    assert.match(require.resolve("@llm-files/unified"), /dist[\\/]cjs[\\/]index\.js$/);
    const { createFiles, FilesError, PROVIDERS } = require("@llm-files/unified");
    const purposes = { moonshot: "file-extract", novita: "batch", minimax: "t2a_async_input", openai: "batch", mistral: "batch" };
    for (const provider of PROVIDERS) {
      const files = createFiles({ provider, apiKey: "e2e-key", baseUrl: urls[provider] });
      await walk(`unified ${provider} (require)`, files, { purpose: purposes[provider], isGone: (e) => e instanceof FilesError && e.provider === provider });
    }
  }
})().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
