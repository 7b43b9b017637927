// The READMEs' lists of providers against the registry (scripts/readme-providers.mjs): the
// committed READMEs list exactly the registry's providers, and each kind of list that has gone
// stale (as the mock's and the CLI's READMEs once said three providers while the package had
// five) is found, naming the file, the line and the text to put in.
import { REPO_ROOT } from "@llm-files/testing";
import { describe, expect, it } from "vitest";
import { checkReadme, main, registryProviders } from "../readme-providers.mjs";

describe("the READMEs list the registry's providers", () => {
  it("the root README, the mock's, the CLI's and the facade's: every list is the registry's", async () => {
    const out: string[] = [];
    const code = await main(["--root", REPO_ROOT], { log: (...a) => out.push(a.join(" ")), error: (...a) => out.push(a.join(" ")) });
    expect(out.join("\n")).toMatch(/^readme-providers: 4 READMEs list the registry's \d+ providers$/);
    expect(code).toBe(0);
  });

  it("a stale list of any kind is a problem naming the file, the line and the expected text", async () => {
    const providers = await registryProviders(REPO_ROOT);
    const names = providers.map((p) => p.name);
    const [a, b, c] = providers;
    const stale = [
      `today <!-- registry:labels -->${a!.label}, ${b!.label} and ${c!.label}<!-- /registry -->.`,
      "",
      `llm-files [--provider ${names.slice(0, 3).join("|")}]`,
      `\`provider\` is \`"${a!.name}" |\n"${b!.name}" | "${c!.name}"\``,
      `(\`${a!.apiKey}\`, \`${b!.apiKey}\`, \`${c!.apiKey}\`)`,
      `(\`${a!.apiKey.replace(/API_KEY$/, "")}\`, \`${b!.apiKey.replace(/API_KEY$/, "")}\`, \`${c!.apiKey.replace(/API_KEY$/, "")}\`)`,
      `([\`@llm-files/${a!.name}\`](../${a!.name}), [\`@llm-files/${b!.name}\`](../${b!.name}), [\`@llm-files/${c!.name}\`](../${c!.name}))`,
      "",
      "| package | what |",
      "| --- | --- |",
      `| [\`@llm-files/${a!.name}\`](packages/${a!.name}) | one |`,
      `| [\`@llm-files/gone\`](packages/gone) | a provider removed from the registry |`,
      "",
      "It still says three providers.",
    ].join("\n");
    const problems = checkReadme(stale, providers, { file: "X.md", isProviderPackage: (n) => n === "gone" || names.includes(n) });
    expect(problems.map((p) => p.split("\n")[0])).toEqual([
      "X.md:1: the list of providers (registry:labels) is not the registry's.",
      "X.md:3: a list of provider names is not the registry's.",
      "X.md:4: a union of provider names is not the registry's.",
      "X.md:6: a list of key variables is not the registry's.",
      "X.md:7: a list of variable prefixes is not the registry's.",
      "X.md:8: a list of provider packages is not the registry's.",
      `X.md:12: the table of packages lacks a row for ${names.slice(1).join(", ")} and has a row for gone, not in the registry.`,
      'X.md:15: the number of providers ("three providers") is not the registry\'s.',
    ]);
    expect(problems[0]).toContain(`expected: ${providers.slice(0, -1).map((p) => p.label).join(", ")} and ${providers.at(-1)!.label}`);
    expect(problems[1]).toContain(`expected: ${names.join("|")}`);
    // What is not a list of providers is left alone: other pipes and unions, a subset in prose, one provider.
    expect(checkReadme(`order: asc|desc, "asc" | "desc"; ${a!.label} and ${b!.label} report no status; one provider`, providers, { file: "Y.md", isProviderPackage: () => false })).toEqual([]);
  });
});
