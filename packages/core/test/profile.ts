// A synthetic provider for core's tests: a profile ("acme") whose API lives on a loopback test
// server, shaped like the plainest Files API (string ids, cursor pages, `{ error: { message,
// code, type } }` errors). Core is provider-neutral, so its tests name no real provider: a test
// that needs another shape (int64 ids, envelopes, an in-body status object) overrides the
// parts it is about with `acmeProfile({...})`.
import type { Profile } from "../src/index.js";

export const acme = {
  name: "acme",
  label: "Acme",
  package: "@acme/files",
  env: { apiKey: "ACME_API_KEY", baseUrl: "ACME_BASE_URL" },
  defaultBaseUrl: "https://api.acme.test",
  pathPrefix: "/v1",
  ids: "string",
  operations: {
    list: {
      method: "get",
      path: "/v1/files",
      items: "data",
      paging: { style: "cursor", after: "after", limit: "limit", hasMore: "has_more", maxLimit: 100 },
      purpose: { name: "purpose" },
    },
    upload: { method: "post", path: "/v1/files", body: { form: "multipart", fileField: "file" } },
    retrieve: { method: "get", path: "/v1/files/{file_id}", id: { in: "path", name: "file_id" } },
    content: { method: "get", path: "/v1/files/{file_id}/content", id: { in: "path", name: "file_id" } },
    delete: { method: "delete", path: "/v1/files/{file_id}", id: { in: "path", name: "file_id" }, result: { id: "id", deleted: "deleted" } },
  },
  purposes: { upload: ["batch", "search"], list: ["batch", "search", "results"] },
  file: { id: "id", filename: "filename", bytes: "bytes", createdAt: "created_at", purpose: "purpose", status: "status" },
  limits: {},
  errors: { message: ["error.message", "message"], code: ["error.code"], type: ["error.type"] },
  sample: { purpose: "batch", filename: "hello.txt", content: "hello\n" },
} as const satisfies Profile;

/** The acme profile with some parts replaced (another id kind, other routes, error data). */
export function acmeProfile(overrides: Partial<Profile> = {}): Profile {
  return { ...acme, ...overrides };
}

