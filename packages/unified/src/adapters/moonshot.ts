import { createMoonshotClient } from "@llm-files/moonshot";
import { toFileInfo } from "../file-info.js";
import type { Adapter } from "../adapter.js";

const info = (raw: unknown) =>
  toFileInfo("moonshot", raw, (f) => ({ id: f.id, filename: f.filename, bytes: f.bytes, createdAt: f.created_at, purpose: f.purpose, status: f.status }));

export const moonshot: Adapter<"moonshot"> = (options) => {
  const { files } = createMoonshotClient(options);
  return {
    upload: async (p) => info(await files.upload(p)),
    // Moonshot's list takes no filter: filter by purpose here.
    list: async ({ purpose, ...call } = {}) => (await files.list(call)).map(info).filter((f) => purpose === undefined || f.purpose === purpose),
    retrieve: async (id, call) => info(await files.retrieve(id, call)),
    content: (id, call) => files.content(id, call),
    delete: async (id, { purpose: _ignored, ...call } = {}) => {
      const r = await files.delete(id, call);
      return { id: r.id || id, deleted: true };
    },
  };
};
