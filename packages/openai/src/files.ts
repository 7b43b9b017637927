// OpenAI's Files operations alone: core's over the profile, with the upload routed by size
// (one request up to the threshold, the Uploads API in parts above it: in-parts.ts,
// uploads.ts). The one place that builds them: the client (index.ts) builds them over its
// request policy and adds `raw` and `uploads` over that same policy; the facade loads them
// alone (the profile's `provider.files()`), without the package's index or `raw`.
import { RequestPolicy, filesOperations, uploadPrepared, type ClientOptions, type Files, type UploadParams } from "@llm-files/core";
import { profile, type OpenAITypes } from "./profile.js";
import { routedUpload } from "./in-parts.js";
import { uploadsApi } from "./uploads.js";

/** OpenAI's Files operations, sent through the client's RequestPolicy (index.ts), or a new one over the caller's options (the facade's `provider.files()`). */
export function openaiFiles(options: ClientOptions | RequestPolicy = {}): Files<OpenAITypes> {
  const policy = options instanceof RequestPolicy ? options : new RequestPolicy(profile, options);
  const upload = routedUpload<OpenAITypes["uploaded"], UploadParams<OpenAITypes>>({
    provider: profile.name,
    single: (params, file) => uploadPrepared(policy, profile, params as unknown as UploadParams<OpenAITypes>, file) as Promise<OpenAITypes["uploaded"]>,
    uploads: uploadsApi(policy),
    singleMaxBytes: profile.limits.maxBytes,
    purposes: profile.purposes.upload,
    checkFields: (params) => profile.uploadFields(params),
  });
  return { ...filesOperations<OpenAITypes>(policy, profile), upload };
}
