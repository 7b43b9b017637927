// A file ready to be sent: its name, size and type, and a way to read it (again, for a
// retry, or a range of it, for a part). Made once per upload by prepareFile (files.ts); the
// disk reader (files-node.ts) and the multipart encoder (multipart.ts) share this shape.

export interface UploadProgress {
  /** File bytes handed to the network so far. */
  loaded: number;
  /** The file's size, when known (unknown for a ReadableStream). */
  total?: number;
}

export interface PreparedFile {
  filename: string;
  /** For messages about the file. */
  provider?: string;
  size?: number;
  contentType: string;
  /**
   * A fresh stream of the file's bytes. With `reuse`, a file on disk is read into one
   * buffer over and over: the consumer must be done with each chunk before asking for the
   * next (nodeSend waits for each write to flush), which keeps memory flat.
   */
  open(reuse?: boolean): AsyncIterable<Uint8Array>;
  /** False for a ReadableStream: it can be read once, so it cannot be retried. */
  replayable: boolean;
  /** The file as a Blob, when it is one already (a Blob, File or bytes): sent as is by browsers. */
  blob?: () => Blob;
  /**
   * Bytes [start, end) as a file of their own, read afresh on every open (a retried part
   * re-reads its range): a path is read from disk with start/end, a Blob sliced, bytes viewed.
   * Absent for a stream (read once, size unknown): chunked uploads need a path, Blob or bytes.
   */
  slice?(start: number, end: number): PreparedFile;
}

