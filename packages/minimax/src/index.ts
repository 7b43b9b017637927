export { createMinimaxClient, LIST_PURPOSES, UPLOAD_PURPOSES, DELETE_PURPOSES, MAX_AUDIO_BYTES } from "./client.js";
export type { MinimaxClient, MinimaxFiles, FileObject, RetrievedFile, FileId, ListPurpose, UploadPurpose, DeletePurpose, UploadParams } from "./client.js";
export { minimaxProtocol, BASE_RESP_CODES } from "./protocol.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations, Int64 } from "./generated/schema.js";
export * from "@llm-files/core";
