// Type-checked by the release test with "types": [] and skipLibCheck: false (no @types/node).
import { createMoonshotClient, NotFoundError, type ClientOptions } from "@llm-files/moonshot";

const options: ClientOptions = { apiKey: "k", baseUrl: "http://127.0.0.1:1", maxRetries: 1 };
const client = createMoonshotClient(options);
export async function walk(): Promise<string> {
  const file = await client.files.upload({ file: new Blob(["x"]), filename: "x.txt", purpose: "file-extract" });
  const listed: { id: string }[] = await client.files.list();
  // @ts-expect-error not a Moonshot purpose: the published types must reject it
  await client.files.upload({ file: "x.txt", purpose: "voice_clone" });
  try {
    return (await (await client.files.content(file.id)).text()) + listed.length;
  } catch (err) {
    if (err instanceof NotFoundError) return err.provider;
    throw err;
  }
}
