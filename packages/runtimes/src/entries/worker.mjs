// workerd (through miniflare): GET /?provider=&baseUrl=&apiKey= runs the walk (no filesystem,
// so Blob uploads only) and answers the result as JSON.
import { report } from "../smoke.mjs";

export default {
  async fetch(request) {
    const q = new URL(request.url).searchParams;
    return Response.json(await report({ provider: q.get("provider"), baseUrl: q.get("baseUrl"), apiKey: q.get("apiKey") }));
  },
};
