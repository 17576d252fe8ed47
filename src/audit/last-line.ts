import { readSync } from "node:fs";

const NEWLINE = 0x0a;

export interface LastLine {
  /** The last line's text, without its newline. */
  readonly text: string;
  /** False when the file does not end with a newline (an interrupted write or a hand edit). */
  readonly terminated: boolean;
}

/**
 * Reads the last line of the open, non-empty file `fd` of `size` bytes by reading backwards from
 * the end, so that an append costs the same whatever the length of the log.
 */
export function readLastLine(fd: number, size: number): LastLine {
  let chunkSize = Math.min(size, 4096);
  for (;;) {
    const buffer = Buffer.alloc(chunkSize);
    readSync(fd, buffer, 0, chunkSize, size - chunkSize);
    const terminated = buffer[chunkSize - 1] === NEWLINE;
    const end = terminated ? chunkSize - 1 : chunkSize;
    // (lastIndexOf counts a negative offset from the end, hence the guard.)
    const start = end === 0 ? 0 : buffer.lastIndexOf(NEWLINE, end - 1) + 1;
    if (start > 0 || chunkSize === size) return { text: buffer.toString("utf8", start, end), terminated };
    chunkSize = Math.min(size, chunkSize * 4);
  }
}
