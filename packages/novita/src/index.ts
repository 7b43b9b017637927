export { createNovitaClient, UPLOAD_PURPOSES, PURPOSES, MAX_FILE_BYTES } from "./client.js";
export type { NovitaClient, NovitaFiles, FileObject, DeleteFileResponse, ListFilesResponse, Purpose, UploadPurpose, UploadParams } from "./client.js";
export { novitaProtocol } from "./protocol.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations } from "./generated/schema.js";
export * from "@llm-files/core";
