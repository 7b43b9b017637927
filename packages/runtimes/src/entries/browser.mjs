// Headless Chromium: ?cells=[{ provider, baseUrl, apiKey }, ...] (JSON) names the walks; each
// result is POSTed back to the page's own origin (/result), then { done: true }. The API is
// on another origin, so every call crosses CORS as it would from a real page. The key is
// exposed to the page: the walk checks that a client refuses without the opt-in, then
// passes dangerouslyAllowBrowser: true.
import { report } from "../smoke.mjs";

const post = (body) => fetch("/result", { method: "POST", body: JSON.stringify(body) });
for (const cell of JSON.parse(new URLSearchParams(location.search).get("cells"))) {
  await post({ provider: cell.provider, ...(await report({ ...cell, browser: true, options: { dangerouslyAllowBrowser: true } })) });
}
await post({ done: true });
