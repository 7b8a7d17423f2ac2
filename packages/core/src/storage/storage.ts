// What attachment storage offers, whatever the backend (local disk or an S3-compatible store).
export interface Storage {
  put(key: string, data: Uint8Array): Promise<void>;
  /** The object's bytes as a web stream, or null when it does not exist. */
  open(key: string): Promise<ReadableStream<Uint8Array> | null>;
  delete(key: string): Promise<void>;
}
