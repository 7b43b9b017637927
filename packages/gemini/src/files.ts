// Gemini's Files operations alone: core's over the profile, with the upload sent by the
// resumable protocol (resumable.ts). The one place that builds them: the client (index.ts)
// builds them over its request policy and adds `raw` over that same policy; the facade loads
// them alone (the profile's `provider.files()`), without the package's index or `raw`.
import { RequestPolicy, filesOperations, type ClientOptions, type Files, type ListFiles, type UploadParams } from "@llm-files/core";
import { uploadResumable } from "./resumable.js";
import { profile, type GeminiTypes } from "./profile.js";

/** Gemini's Files operations, sent through the client's RequestPolicy (index.ts), or a new one over the caller's options (the facade's `provider.files()`). */
export function geminiFiles(options: ClientOptions | RequestPolicy = {}): Files<GeminiTypes> {
  const policy = options instanceof RequestPolicy ? options : new RequestPolicy(profile, options);
  const files = filesOperations<GeminiTypes>(policy, profile);
  // reconcile: true lists with these operations' own list (an unknown outcome settled by the files stored).
  const list = files.list as unknown as ListFiles;
  const upload = ((params: UploadParams<GeminiTypes>) => uploadResumable(policy, profile, params, list)) as Files<GeminiTypes>["upload"];
  return { ...files, upload };
}
