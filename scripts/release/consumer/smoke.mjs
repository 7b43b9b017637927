// ESM consumer: node smoke.mjs <moonshot|unified> '<{"moonshot":url,...}>'
import walk from "./walk.cjs";

const [kind, urlsJson] = process.argv.slice(2);
const urls = JSON.parse(urlsJson);
if (kind === "moonshot") {
  const { createMoonshotClient, NotFoundError } = await import("@llm-files/moonshot");
  const client = createMoonshotClient({ apiKey: "e2e-key", baseUrl: urls.moonshot });
  await walk("moonshot package (import)", client.files, { purpose: "file-extract", isGone: (e) => e instanceof NotFoundError });
} else {
  const { createFiles, FilesError, PROVIDERS } = await import("@llm-files/unified");
  const purposes = { moonshot: "file-extract", novita: "batch", minimax: "t2a_async_input", openai: "batch", mistral: "batch" };
  for (const provider of PROVIDERS) {
    const files = createFiles({ provider, apiKey: "e2e-key", baseUrl: urls[provider] });
    await walk(`unified ${provider} (import)`, files, { purpose: purposes[provider], isGone: (e) => e instanceof FilesError && e.provider === provider });
  }
}
