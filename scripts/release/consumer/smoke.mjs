// ESM consumer: node smoke.mjs <moonshot|unified> '<{"moonshot":url,...}>'
import walk from "./walk.cjs";

const [kind, urlsJson] = process.argv.slice(2);
const urls = JSON.parse(urlsJson);
if (kind === "moonshot") {
  const { createMoonshotClient, NotFoundError, profile } = await import("@llm-files/moonshot");
  const client = createMoonshotClient({ apiKey: "e2e-key", baseUrl: urls.moonshot });
  await walk("moonshot package (import)", client.files, { purpose: profile.sample.purpose, isGone: (e) => e instanceof NotFoundError });
} else {
  const { createFiles, FilesError, PROVIDERS } = await import("@llm-files/unified");
  // Each provider's sample upload from its profile, as the registry (installed with the facade) has it.
  const { registry } = await import("@llm-files/registry");
  for (const provider of PROVIDERS) {
    const { profile } = registry[provider];
    const { sample, operations } = profile;
    const files = createFiles({ provider, apiKey: "e2e-key", baseUrl: urls[provider] });
    const deleteOptions = operations.delete?.purpose ? { purpose: sample.purpose } : undefined;
    await walk(`unified ${provider} (import)`, files, { purpose: sample.purpose, deleteOptions, profile, isGone: (e) => e instanceof FilesError && e.provider === provider });
  }
}
