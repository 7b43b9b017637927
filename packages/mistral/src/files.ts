// Mistral's Files operations alone: core's over the profile, and the signed download URL.
// The one place that builds them: the client (index.ts) builds them over its request policy
// and adds `raw` over that same policy; the facade loads them alone (the profile's
// `provider.files()`), without the package's index or `raw`.
import { RequestPolicy, checkFileId, expectObject, filesOperations, type ClientOptions } from "@llm-files/core";
import { positiveHours, profile, type MistralFiles, type MistralTypes, type SignedUrl } from "./profile.js";

/** Mistral's Files operations, sent through the client's RequestPolicy (index.ts), or a new one over the caller's options (the facade's `provider.files()`). */
export function mistralFiles(options: ClientOptions | RequestPolicy = {}): MistralFiles {
  const policy = options instanceof RequestPolicy ? options : new RequestPolicy(profile, options);
  const P = policy.provider;
  return {
    ...filesOperations<MistralTypes>(policy, profile),
    async signedUrl(fileId, params = {}) {
      const { expiryHours, ...call } = params;
      const id = encodeURIComponent(checkFileId(P, fileId, "fileId"));
      const query = expiryHours === undefined ? "" : `?expiry=${positiveHours(P, "expiryHours", expiryHours)}`;
      const reply = await policy.send({ url: `${policy.baseUrl}/v1/files/${id}/url${query}`, method: "GET", headers: new Headers({ accept: "application/json" }), idempotent: true, expect: "json" }, policy.checkCall(call));
      return expectObject<SignedUrl>(P, reply.json, "a signed URL { url }", ["url"]);
    },
  };
}
