// The files the walk uploads, shared by the smoke walk and the harness (which writes the
// "path" one to disk). No imports: it runs everywhere; the caller passes the provider's
// sample (its profile's `sample`, from @llm-files/registry).

const parse = (line) => {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
};

/**
 * The provider's sample upload (purpose, file type, content), marked with `label` so that two
 * uploads are told apart, and with a non-ASCII mark so that bytes and characters differ:
 * where the sample is JSON lines with a `custom_id` (a batch file), in each line's custom_id;
 * otherwise as one more line of text.
 * @param {{ purpose: string; filename: string; content: string }} sample
 * @param {string} label
 */
export function sample(sample, label) {
  const mark = `${label}, héllo ✓`;
  const lines = sample.content.split("\n").filter(Boolean).map(parse);
  const batch = lines.length > 0 && lines.every((l) => l && typeof l === "object" && typeof l.custom_id === "string");
  const text = batch ? lines.map((l) => JSON.stringify({ ...l, custom_id: mark })).join("\n") + "\n" : `${sample.content.replace(/\n?$/, "\n")}${mark}\n`;
  const ext = /\.[^.]+$/.exec(sample.filename)?.[0] ?? "";
  return { text, filename: `${label}${ext}`, purpose: sample.purpose };
}
