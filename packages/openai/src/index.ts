export { createOpenAIClient, expiresAfterFields, UPLOAD_PURPOSES, PURPOSES, MAX_FILE_BYTES, MAX_FILE_LABEL, EXPIRES_AFTER_SECONDS } from "./client.js";
export type { OpenAIClient, OpenAIFiles, FileObject, DeleteFileResponse, ListFilesResponse, ListQuery, ListPageOptions, Purpose, UploadPurpose, UploadParams, ExpiresAfter } from "./client.js";
export { openaiProtocol } from "./protocol.js";
export { UPLOADS_PURPOSES } from "./uploads.js";
export type { OpenAIUploadsApi, Upload, UploadPart, CreateUploadParams, CompleteUploadParams, UploadsPurpose, AddPartParams } from "./uploads.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations } from "./generated/schema.js";
export * from "@llm-files/core";
