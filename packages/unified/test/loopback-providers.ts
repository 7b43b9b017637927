// The providers whose facade walk runs on loopback servers that speak them (facade-loopback.test.ts)
// rather than on Prism (facade-prism.test.ts): Prism does not end a walk of its generated pages
// (Azure's and Anthropic's examples say has_more: true, or none are given), nor answer a
// resumable upload (Gemini's).
export const LOOPBACK_PROVIDERS = ["azure", "anthropic", "gemini"] as const;
