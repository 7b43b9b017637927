export * from "./errors.js";
export * from "./config.js";
export * from "./validate.js";
export * from "./json.js";
export * from "./retry.js";
export * from "./transport.js";
export * from "./upload.js";
export * from "./shape.js";
