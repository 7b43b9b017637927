// The table of bad inputs: each must be a ValidationError naming `field`, with nothing
// sent. Used by the facade's validation test and by the reliability suite.
import { createFiles, type ProviderName } from "../src/index.js";

export interface BadInputFiles {
  ok: string;
  empty: string;
  dir: string;
  missing: string;
  over100MB: string;
  over20MB: string;
}

export type BadInputCase = [name: string, field: string, run: () => unknown];

export function badInputCases(baseUrl: string, f: BadInputFiles): BadInputCase[] {
  const files = (provider: ProviderName, extra: object = {}) => createFiles({ provider, apiKey: "k", baseUrl, ...extra } as any);
  return [
    ["unknown purpose (moonshot)", "purpose", () => files("moonshot").upload({ file: f.ok, purpose: "voice_clone" as never })],
    ["unknown purpose (minimax upload)", "purpose", () => files("minimax").upload({ file: f.ok, purpose: "file-extract" as never })],
    ["unknown purpose (minimax list)", "purpose", () => files("minimax").list({ purpose: "batch" as never })],
    ["unknown purpose (minimax delete)", "purpose", () => files("minimax").delete("123", { purpose: "image" as never })],
    ["missing file", "file", () => files("moonshot").upload({ file: f.missing, purpose: "file-extract" })],
    ["a directory", "file", () => files("novita").upload({ file: f.dir, purpose: "batch" })],
    ["an empty file", "file", () => files("novita").upload({ file: f.empty, purpose: "batch" })],
    ["over Moonshot's 100 MB", "file", () => files("moonshot").upload({ file: f.over100MB, purpose: "file-extract" })],
    ["over Novita's 100 MB", "file", () => files("novita").upload({ file: f.over100MB, purpose: "batch" })],
    ["over MiniMax's 20 MB for voice_clone", "file", () => files("minimax").upload({ file: f.over20MB, purpose: "voice_clone" })],
    ["over MiniMax's 20 MB for prompt_audio", "file", () => files("minimax").upload({ file: f.over20MB, purpose: "prompt_audio" })],
    ["bytes without a filename", "filename", () => files("moonshot").upload({ file: new Uint8Array([1]), purpose: "file-extract" })],
    ["a stream without a filename", "filename", () => files("moonshot").upload({ file: new Blob(["a"]).stream(), purpose: "file-extract" })],
    ["not a file at all", "file", () => files("moonshot").upload({ file: 42 as never, purpose: "file-extract" })],
    ['id ""', "fileId", () => files("moonshot").retrieve("")],
    ['id "."', "fileId", () => files("moonshot").retrieve(".")],
    ['id ".."', "fileId", () => files("novita").content("..")],
    ['id "../x"', "fileId", () => files("novita").delete("../x")],
    ['id "a/b"', "fileId", () => files("moonshot").delete("a/b")],
    ['id "a?b"', "fileId", () => files("moonshot").retrieve("a?b")],
    ['id "a#b"', "fileId", () => files("moonshot").retrieve("a#b")],
    ["id with a newline", "fileId", () => files("moonshot").retrieve("a\nb")],
    ["id not a string", "fileId", () => files("moonshot").retrieve(7 as never)],
    ["minimax id not an integer", "fileId", () => files("minimax").retrieve("abc")],
    ['minimax id "../1"', "fileId", () => files("minimax").content("../1")],
    ["minimax id negative", "fileId", () => files("minimax").retrieve("-5")],
    ["minimax id a rounded number", "fileId", () => files("minimax").retrieve(2 ** 60 as never)],
    ["timeoutMs negative (client)", "timeoutMs", () => files("moonshot", { timeoutMs: -1 })],
    ["timeoutMs not a number (call)", "timeoutMs", () => files("moonshot").list({ timeoutMs: "fast" as never })],
    ["timeoutMs NaN (call)", "timeoutMs", () => files("minimax").retrieve("1", { timeoutMs: NaN })],
    ["maxRetries fractional", "maxRetries", () => files("moonshot", { maxRetries: 1.5 })],
    ["signal not a signal", "signal", () => files("novita").retrieve("f", { signal: {} as never })],
    ["base URL not a URL", "baseUrl", () => createFiles({ provider: "moonshot", apiKey: "k", baseUrl: "not a url" })],
    ["base URL ftp://", "baseUrl", () => createFiles({ provider: "novita", apiKey: "k", baseUrl: "ftp://files.example.com" })],
    ["http:// to a non-loopback host", "baseUrl", () => createFiles({ provider: "moonshot", apiKey: "k", baseUrl: "http://api.example.com" })],
    ["missing key", "apiKey", () => createFiles({ provider: "minimax", baseUrl, apiKey: "" }).list()],
    ["unknown provider", "provider", () => createFiles({ provider: "cohere" as never })],
    ["options not an object", "options", () => files("moonshot").list("voice" as never)],
  ];
}
