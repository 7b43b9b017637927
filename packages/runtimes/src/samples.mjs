// The files the walk uploads, shared by the smoke walk and the harness (which writes the
// "path" one to disk). No imports: it runs everywhere.

/** A small file of a purpose each provider accepts, with text that tells the uploads apart. */
export function sample(provider, label) {
  const text =
    provider === "novita"
      ? JSON.stringify({ custom_id: label, method: "POST", url: "/v1/chat/completions", body: { model: "m", messages: [{ role: "user", content: "héllo" }] } }) + "\n"
      : `llm-files runtime matrix: ${label}, héllo ✓\n`;
  const ext = provider === "novita" ? "jsonl" : "txt";
  const purpose = { moonshot: "file-extract", novita: "batch", minimax: "t2a_async_input", openai: "user_data", mistral: "ocr" }[provider];
  return { text, filename: `${label}.${ext}`, purpose };
}
