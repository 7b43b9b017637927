// The matrix as a markdown table, and its count: a cell passes, fails, or fails as marked
// expected (--expect-fail); a marked cell that passes counts as failed, so the mark goes.

const md = (s) => String(s).replaceAll("|", "\\|").replaceAll("\n", " ");

/** `marks`: runtime names (every provider) or runtime:provider. */
export function expectedFailure(marks, runtime, provider) {
  return marks.includes(runtime) || marks.includes(`${runtime}:${provider}`);
}

/** rows: [{ runtime: { name, label?, filesystem }, version, seconds, results: [{ ok, error? }] per provider }]. */
export function matrix(rows, providers, marks = []) {
  const count = { passed: 0, failed: 0, xfailed: 0 };
  const cell = (runtime, provider, r) => {
    const xf = expectedFailure(marks, runtime, provider);
    if (r.ok && !xf) return count.passed++, "pass";
    if (r.ok) return count.failed++, "**pass, but marked expected to fail**: remove the mark";
    if (xf) return count.xfailed++, `fail (expected): ${md(r.error)}`;
    return count.failed++, `**fail**: ${md(r.error)}`;
  };
  const table = [
    `| runtime | version | uploads | ${providers.join(" | ")} | s |`,
    `|---|---|---|${providers.map(() => "---|").join("")}---|`,
    ...rows.map(({ runtime, version, results, seconds }) =>
      `| ${runtime.label ?? runtime.name} | ${version} | ${runtime.filesystem ? "Blob, path" : "Blob"} | ${results.map((r, i) => cell(runtime.name, providers[i], r)).join(" | ")} | ${seconds} |`,
    ),
  ].join("\n");
  return { table, ...count };
}
