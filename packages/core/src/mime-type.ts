// The Content-Type of an uploaded file's part, from its name, by a small table of the formats
// providers document taking (text extraction's documents, images and code, batch JSON Lines,
// audio for voice cloning and transcription). Each type is the one the `mime` package (mime-db:
// IANA, Apache and nginx) gives for that extension, checked against it by a test, so every
// format keeps its registered type (docx, xlsx, pptx, doc, xls, ppt, epub, html, …) without
// shipping a 40 kB table to browsers, or loading one on Node. A Blob's own type, when it has
// one, wins over this guess; an extension outside the table is sent as
// application/octet-stream, which providers read by the file's name.

const DOC = "application/vnd.openxmlformats-officedocument.";
const TEXT = "text/plain";
const C = "text/x-c";

/** Extension -> type, for the formats providers take. */
const TYPES: Record<string, string> = {
  // Documents
  pdf: "application/pdf",
  txt: TEXT,
  log: TEXT,
  ini: TEXT,
  conf: TEXT,
  csv: "text/csv",
  md: "text/markdown",
  markdown: "text/markdown",
  html: "text/html",
  htm: "text/html",
  xml: "application/xml",
  json: "application/json",
  // JSON Lines (batch files): no registered type; the one providers' examples use.
  jsonl: "application/jsonl",
  yaml: "text/yaml",
  yml: "text/yaml",
  rtf: "application/rtf",
  doc: "application/msword",
  dot: "application/msword",
  docx: `${DOC}wordprocessingml.document`,
  xls: "application/vnd.ms-excel",
  xlsx: `${DOC}spreadsheetml.sheet`,
  ppt: "application/vnd.ms-powerpoint",
  pptx: `${DOC}presentationml.presentation`,
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  epub: "application/epub+zip",
  mobi: "application/x-mobipocket-ebook",
  tex: "application/x-tex",
  // Code
  c: C,
  h: C,
  cc: C,
  cpp: C,
  cxx: C,
  java: "text/x-java-source",
  js: "text/javascript",
  mjs: "text/javascript",
  jsx: "text/jsx",
  // mime-db's type for .ts (MPEG transport stream), kept: a TypeScript file was sent as this before.
  ts: "video/mp2t",
  css: "text/css",
  php: "application/x-httpd-php",
  sh: "application/x-sh",
  sql: "application/sql",
  // Archives
  zip: "application/zip",
  tar: "application/x-tar",
  gz: "application/gzip",
  // Images
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  jfif: "image/pjpeg",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  dib: "image/bmp",
  tif: "image/tiff",
  tiff: "image/tiff",
  svg: "image/svg+xml",
  svgz: "image/svg+xml",
  ico: "image/vnd.microsoft.icon",
  xbm: "image/x-xbitmap",
  avif: "image/avif",
  apng: "image/apng",
  heic: "image/heic",
  heif: "image/heif",
  // Audio and video
  mp3: "audio/mpeg",
  mpga: "audio/mpeg",
  m4a: "audio/mp4",
  wav: "audio/wav",
  flac: "audio/x-flac",
  ogg: "audio/ogg",
  opus: "audio/ogg",
  aac: "audio/aac",
  mp4: "video/mp4",
  mpeg: "video/mpeg",
  webm: "video/webm",
};

/** The extensions the table knows (for the test that holds it to mime-db). */
export const KNOWN_EXTENSIONS: readonly string[] = Object.keys(TYPES);

/** The type of a file called `filename`; application/octet-stream when the table has none. */
export function contentTypeFor(filename: string): string {
  const dot = filename.lastIndexOf(".");
  const ext = dot < 0 ? "" : filename.slice(dot + 1).toLowerCase();
  return (Object.hasOwn(TYPES, ext) ? TYPES[ext] : undefined) ?? "application/octet-stream";
}
