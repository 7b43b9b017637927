// The walk every smoke run makes, against a mock at a loopback URL: upload a real file,
// find it in the list, retrieve it, read its content back byte for byte, delete it, and see
// it gone. `files` is a provider package's client.files or a @llm-files/unified facade. Content
// where the provider has it (`profile`: the provider's, from the installed registry): where a
// file's metadata says it cannot be downloaded (Anthropic's uploads), or the provider has no
// download (Gemini's uploads), the refusal is an UnsupportedError, before any request.
const assert = require("node:assert/strict");
const { writeFileSync, readFileSync } = require("node:fs");

module.exports = async function walk(label, files, { purpose, listOptions, deleteOptions, isGone, profile }) {
  const name = `notes-${label.replace(/\W+/g, "-")}.txt`;
  writeFileSync(name, `release e2e: ${label}\n`);
  const up = await files.upload(purpose === undefined ? { file: name } : { file: name, purpose });
  const id = String(up.id ?? up.file_id);
  assert.ok(id, `${label}: upload answered without an id`);
  const listed = await files.list(listOptions);
  assert.ok(listed.some((f) => String(f.id ?? f.file_id) === id), `${label}: ${id} missing from list()`);
  const got = await files.retrieve(id);
  assert.equal(got.filename, name, `${label}: retrieve() filename`);
  const downloadable = profile?.file.downloadable;
  let read;
  if ((profile && !profile.operations.content) || (downloadable && got.raw?.[downloadable] === false)) {
    const refused = await Promise.resolve().then(() => files.content(profile.operations.content ? got : id)).then(() => undefined, (e) => e);
    assert.equal(refused && refused.name, "UnsupportedError", `${label}: content() of a file that cannot be downloaded`);
    read = "content refused";
  } else {
    const text = await (await files.content(id)).text();
    assert.equal(text, readFileSync(name, "utf8"), `${label}: content() bytes`);
    read = `content (${text.length} bytes)`;
  }
  await files.delete(id, deleteOptions);
  const err = await files.retrieve(id).then(() => undefined, (e) => e);
  assert.ok(err && isGone(err), `${label}: retrieve after delete should fail as gone, got ${err && err.name}: ${err && err.message}`);
  console.log(`  ok ${label}: upload ${id} -> list -> retrieve -> ${read} -> delete -> ${err.name}`);
};
