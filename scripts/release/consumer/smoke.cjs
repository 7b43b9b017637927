// CommonJS consumer: require() of the published packages (their "require" export).
const assert = require("node:assert/strict");
const walk = require("./walk.cjs");

const [kind, urlsJson] = process.argv.slice(2);
const urls = JSON.parse(urlsJson);
(async () => {
  if (kind === "moonshot") {
    assert.match(require.resolve("@llm-files/moonshot"), /dist[\\/]cjs[\\/]index\.js$/);
    const { createMoonshotClient, NotFoundError, profile } = require("@llm-files/moonshot");
    const client = createMoonshotClient({ apiKey: "e2e-key", baseUrl: urls.moonshot });
    await walk("moonshot package (require)", client.files, { purpose: profile.sample.purpose, isGone: (e) => e instanceof NotFoundError });
  } else {
    assert.match(require.resolve("@llm-files/unified"), /dist[\\/]cjs[\\/]index\.js$/);
    const { createFiles, FilesError, PROVIDERS } = require("@llm-files/unified");
    // Each provider's sample upload from its profile, as the registry (installed with the facade) has it.
    const { registry } = require("@llm-files/registry");
    for (const provider of PROVIDERS) {
      const { profile } = registry[provider];
      const { sample, operations } = profile;
      const files = createFiles({ provider, apiKey: "e2e-key", baseUrl: urls[provider] });
      const deleteOptions = operations.delete?.purpose ? { purpose: sample.purpose } : undefined;
      await walk(`unified ${provider} (require)`, files, { purpose: sample.purpose, deleteOptions, profile, isGone: (e) => e instanceof FilesError && e.provider === provider });
    }
  }
})().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
