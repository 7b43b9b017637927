// --mock: Prism mock servers from the vendored specs (works inside the llm-files repository,
// where @llm-files/testing and specs/ live).
export async function startMock(provider: string): Promise<{ url: string; stop(): Promise<void> }> {
  let testing: typeof import("@llm-files/testing");
  try {
    testing = await import("@llm-files/testing");
  } catch {
    throw new Error("--mock needs the llm-files repository (it starts Prism from specs/); run it from a checkout after `pnpm install`");
  }
  return testing.startPrism({ provider: provider as never, errors: true });
}
