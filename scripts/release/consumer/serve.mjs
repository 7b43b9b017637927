// The loopback server of the smoke runs: @llm-files/mock as installed from the registry,
// one mock per provider. Prints their URLs as one JSON line, runs until stdin closes.
import { MOCK_PROVIDERS, startMock } from "@llm-files/mock";

const mocks = await Promise.all(MOCK_PROVIDERS.map((p) => startMock(p)));
console.log(JSON.stringify(Object.fromEntries(mocks.map((m) => [m.provider, m.url]))));
process.stdin.resume();
process.stdin.on("end", async () => {
  await Promise.all(mocks.map((m) => m.stop()));
  process.exit(0);
});
