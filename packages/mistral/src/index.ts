export { createMistralClient, mistralUploadFields, UPLOAD_PURPOSES, PURPOSES, VISIBILITIES, MAX_FILE_BYTES, MAX_FILE_LABEL } from "./client.js";
export type { MistralClient, MistralFiles, FileObject, UploadedFile, DeleteFileResponse, ListFilesResponse, ListQuery, ListPageOptions, SignedUrl, Purpose, UploadPurpose, UploadParams, Visibility } from "./client.js";
export { mistralProtocol } from "./protocol.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations } from "./generated/schema.js";
export * from "@llm-files/core";
