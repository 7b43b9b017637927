// A byte count in words for messages ("1.5 MB"): its own module, so that what sends nothing
// (the ./profile entry: size limits in a ValidationError, the CLI's sizes) loads no file reader.

/** `n` bytes in binary units: "512 B", "1.5 KB", "12 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v >= 10 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}
