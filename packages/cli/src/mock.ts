// --mock: an in-process mock of the provider's Files API (@llm-files/mock), built from the
// OpenAPI document the provider's package ships, so it works from an installed CLI: no
// repository, no key, no network. Each run starts from the spec's example files.
import { startMock as start, type MockProvider } from "@llm-files/mock";

export async function startMock(provider: string): Promise<{ url: string; stop(): Promise<void> }> {
  return start(provider as MockProvider);
}
