// loadClient: each provider's whole client, found in the package its profile names by the one
// rule every provider package keeps (one export named create<Name>Client, clientFactory), with
// nothing listed per provider.
import { describe, expect, it } from "vitest";
import { PROVIDERS, clientFactory, loadClient } from "../src/index.js";

describe("loadClient", () => {
  it("every provider's package has one create<Name>Client: its client has the Files operations and raw", async () => {
    for (const p of PROVIDERS) {
      const create = await loadClient(p);
      expect(create.name, p).toMatch(/^create\w+Client$/);
      expect(create.name.toLowerCase(), p).toContain(p);
      const client = create({ apiKey: "k", baseUrl: "http://127.0.0.1:9" });
      expect(typeof client.files.retrieve, p).toBe("function");
      expect(typeof client.raw.GET, p).toBe("function");
    }
  });

  it("clientFactory: the one create<Name>Client of a package's module (one a bundle imported itself)", () => {
    const createMoonshotClient = () => ({});
    expect(clientFactory("moonshot", { createMoonshotClient, profile: {}, createFiles: () => ({}), createXClient: "not a function" })).toBe(createMoonshotClient);
    expect(() => clientFactory("moonshot", { createFiles: () => ({}) })).toThrow("@llm-files/moonshot exports no create<Name>Client");
    expect(() => clientFactory("moonshot", { createAClient: () => ({}), createBClient: () => ({}) })).toThrow("exports createAClient and createBClient");
  });

  it("refuses a name the registry does not have", async () => {
    await expect(loadClient("groq" as never)).rejects.toThrow('no provider "groq"');
  });
});
