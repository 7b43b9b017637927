// A signed download URL (an operation whose operationId says signed URL, as Mistral's
// files_api_routes_get_signed_url): `{ url }` pointing at the mock itself, which serves the
// file's bytes with no key until the URL's expiry (its `expiry` parameter, in hours where the
// spec says hours, on the mock's clock), then answers 403 as a storage service does.
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { Handler } from "./answer.js";
import { MockError } from "./errors.js";
import type { Context } from "./files-api.js";
import { groupName, type SpecRoute } from "./model.js";
import { deref, parametersOf } from "./spec.js";

export const SIGNED_PATH = "/__llm-files-mock/signed/";

export const isSignedUrlOperation = (route: SpecRoute): boolean => /signed_?url/i.test(route.operationId ?? "");

interface Grant {
  fileId: string;
  expiresAt: number;
}

export class SignedUrls {
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly ctx: Context) {}

  handler(route: SpecRoute): Handler<{ id: string; hours: number }> {
    const { doc, checks } = this.ctx.model;
    const params = parametersOf(doc, route.op);
    const idParam = params.find((p) => p.in === "path");
    const expiry = params.find((p) => p.in === "query" && /expir/i.test(p.name));
    const unitMs = expiry && /hour/i.test(`${expiry.description ?? ""} ${expiry.schema ? String(deref(doc, expiry.schema).description ?? "") : ""}`) ? 3600_000 : 1000;
    const fallback = expiry?.schema ? Number(deref(doc, expiry.schema).default ?? 24) : 24;
    return {
      read: async ({ req, url, params: values }) => {
        req.resume();
        const id = idParam ? (values[groupName(idParam.name)] ?? "") : "";
        let amount = fallback;
        const raw = expiry ? url.searchParams.get(expiry.name) : null;
        if (expiry && raw !== null) {
          const { value, error } = checks.check(expiry.schema ?? {}, raw, expiry.name);
          if (error) throw new MockError(400, error);
          amount = Number(value);
          if (!(amount > 0)) throw new MockError(400, `${expiry.name} must be positive, got ${raw}`);
        }
        return { id, hours: amount };
      },
      apply: ({ id, hours }) => {
        const file = this.ctx.store.get(id);
        if (!file) throw new MockError(404, `file ${id} not found`);
        const token = randomBytes(16).toString("hex");
        this.grants.set(token, { fileId: file.id, expiresAt: this.ctx.clock.now() + hours * unitMs });
        return { status: 200, json: { url: `${this.ctx.storageUrl()}${SIGNED_PATH}${token}` } };
      },
    };
  }

  /** Serves a signed URL: the bytes, or 403 once it lapsed (or the file is gone). */
  serve(token: string, res: ServerResponse): number {
    const grant = this.grants.get(token);
    const file = grant ? this.ctx.store.get(grant.fileId) : undefined;
    const refuse = (status: number, text: string) => {
      res.writeHead(status, { "content-type": "text/plain", "content-length": Buffer.byteLength(text) });
      res.end(text);
      return status;
    };
    if (!grant) return refuse(403, "AuthenticationFailed: this URL was not signed by this mock");
    if (this.ctx.clock.now() >= grant.expiresAt) return refuse(403, "AuthenticationFailed: the signed URL has expired");
    if (!file) return refuse(404, "BlobNotFound: the file is gone");
    if (!file.content) return refuse(410, "the mock did not keep this file's bytes (storeContent: false)");
    res.writeHead(200, { "content-type": this.ctx.model.contentType, "content-length": file.content.byteLength });
    res.end(file.content);
    return 200;
  }
}
