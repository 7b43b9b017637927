import { createMinimaxClient, DELETE_PURPOSES, LIST_PURPOSES, type DeletePurpose } from "@llm-files/minimax";
import { ValidationError, checkPurpose } from "@llm-files/core";
import { toFileInfo } from "../file-info.js";
import type { Adapter } from "../adapter.js";

const info = (raw: unknown) =>
  toFileInfo("minimax", raw, (f) => ({ id: f.file_id, filename: f.filename, bytes: f.bytes, createdAt: f.created_at, purpose: f.purpose, downloadUrl: f.download_url }));

export const minimax: Adapter<"minimax"> = (options) => {
  const { files } = createMinimaxClient(options);
  return {
    upload: async (p) => info(await files.upload(p)),
    list: async ({ purpose, pageSize: _onePage, ...call } = {}) => {
      if (purpose !== undefined) return (await files.list(purpose, call)).map(info);
      // MiniMax lists one purpose at a time: list them all and merge, newest first.
      const all = await Promise.all(LIST_PURPOSES.map((p) => files.list(p, call)));
      return all.flat().map(info).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },
    retrieve: async (id, call) => info(await files.retrieve(id, call)),
    content: (id, call) => files.content(id, call),
    delete: async (id, { purpose, ...call } = {}) => {
      let p: DeletePurpose;
      if (purpose !== undefined) p = checkPurpose("minimax", purpose, DELETE_PURPOSES);
      else {
        // Delete needs the purpose: ask MiniMax for the file's own, never guess one.
        const file = await files.retrieve(id, call);
        if (typeof file.purpose !== "string" || !(DELETE_PURPOSES as readonly string[]).includes(file.purpose)) {
          throw new ValidationError(
            "minimax",
            "purpose",
            `file ${id} reports purpose ${JSON.stringify(file.purpose)}, which MiniMax's delete does not take: pass { purpose } (one of ${DELETE_PURPOSES.join(", ")})`,
          );
        }
        p = file.purpose as DeletePurpose;
      }
      const r = await files.delete(id, p, call);
      return { id: r.file_id, deleted: true };
    },
  };
};
