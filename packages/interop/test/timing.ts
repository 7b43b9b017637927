// What each official SDK's lifecycle cost: the requests the mock answered and the wall time,
// printed once per provider (the figures of the report).
import type { MockServer } from "@llm-files/mock";

export function measure(label: string, mock: MockServer): () => void {
  const t0 = performance.now();
  const before = mock.requests.length;
  return () => console.log(`${label}: ${mock.requests.length - before} requests in ${Math.round(performance.now() - t0)} ms`);
}
