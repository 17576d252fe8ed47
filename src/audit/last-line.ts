import type { FileHandle } from "node:fs/promises";

const NEWLINE = 0x0a;

export interface LastLine {
  /** The last line's text, without its newline. */
  readonly text: string;
  /** False when the file does not end with a newline (an interrupted write or a hand edit). */
  readonly terminated: boolean;
}

/**
 * Reads the last line of a non-empty file of `size` bytes by reading backwards from the end, so
 * an append costs the same whatever the length of the log.
 */
export async function readLastLine(handle: FileHandle, size: number): Promise<LastLine> {
  let chunkSize = Math.min(size, 4096);
  for (;;) {
    const buffer = Buffer.alloc(chunkSize);
    await handle.read(buffer, 0, chunkSize, size - chunkSize);
    const terminated = buffer[chunkSize - 1] === NEWLINE;
    const end = terminated ? chunkSize - 1 : chunkSize;
    const start = buffer.lastIndexOf(NEWLINE, end - 1) + 1;
    if (start > 0 || chunkSize === size) return { text: buffer.toString("utf8", start, end), terminated };
    chunkSize = Math.min(size, chunkSize * 4);
  }
}
