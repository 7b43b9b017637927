// Anthropic's Files operations alone: core's, over the profile. The client (index.ts) builds
// them over its request policy and adds `raw` over that same policy; the facade loads them
// alone (the profile's `provider.files()`), without the package's index or `raw`.
import { RequestPolicy, filesOperations, type ClientOptions, type Files } from "@llm-files/core";
import { profile, type AnthropicTypes } from "./profile.js";

/** Anthropic's Files operations, sent through the client's RequestPolicy (index.ts), or a new one over the caller's options (the facade's `provider.files()`). */
export function anthropicFiles(options: ClientOptions | RequestPolicy = {}): Files<AnthropicTypes> {
  const policy = options instanceof RequestPolicy ? options : new RequestPolicy(profile, options);
  return filesOperations<AnthropicTypes>(policy, profile);
}
