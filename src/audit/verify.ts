import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { formatLine, recordHash } from "./chain.js";
import { AuditLogError, fsErrorReason } from "./errors.js";
import { AUDIT_GENESIS_HASH } from "./fields.js";
import { auditRecordProblems, type AuditRecord } from "./record-schema.js";

export interface AuditVerification {
  /** Number of lines that passed every check before the first problem (all of them when ok). */
  readonly validRecords: number;
  /** `seq` and `hash` of the last valid record: record them elsewhere to detect a cut-off tail later. */
  readonly head?: { readonly seq: number; readonly hash: string };
  /** The first bad line (1-based) and why; absent when the whole file verifies. */
  readonly problem?: { readonly line: number; readonly reason: string };
}

/**
 * Checks every line of the audit log at `file`: UTF-8, JSON, the record schema, the writer's
 * line format, its own hash, and its link to the line before (`seq` + 1, `prev_hash`). Stops at
 * the first bad line. Reads the file as it was when called, so appends made meanwhile are ignored
 * (a line still being written when verification starts counts as not yet there).
 */
export async function verifyAuditLog(file: string): Promise<AuditVerification> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new AuditLogError(`cannot read audit log ${file}: ${fsErrorReason(error)}`, { cause: error });
  }
  let previous: AuditRecord | undefined;
  let lineNumber = 0;
  for await (const line of readLines(file, size)) {
    lineNumber += 1;
    // An unterminated tail in a file that has grown since is an append in flight, not damage.
    if (!line.terminated && (await currentSize(file)) > size) return summary(lineNumber - 1, previous);
    const result = checkLine(line, previous);
    if (typeof result === "string") return summary(lineNumber - 1, previous, { line: lineNumber, reason: result });
    previous = result;
  }
  return summary(lineNumber, previous);
}

async function currentSize(file: string): Promise<number> {
  return (await stat(file).catch(() => ({ size: 0 }))).size;
}

function summary(validRecords: number, last: AuditRecord | undefined, problem?: AuditVerification["problem"]): AuditVerification {
  return {
    validRecords,
    ...(last ? { head: { seq: last.seq, hash: last.hash } } : {}),
    ...(problem ? { problem } : {}),
  };
}

/** The record on this line, or why the line breaks the chain. */
function checkLine(line: RawLine, previous: AuditRecord | undefined): AuditRecord | string {
  if (!line.terminated) return "the line is incomplete (no trailing newline): a write was interrupted or the file was cut";
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(line.bytes);
  } catch {
    return "the line is not valid UTF-8";
  }
  if (text === "") return "the line is empty";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `the line is not valid JSON (${(error as Error).message})`;
  }
  const problems = auditRecordProblems(value);
  if (problems.length > 0) return `not a valid audit record: ${problems.join("; ")}`;
  const record = value as AuditRecord;
  if (recordHash(record) !== record.hash) return "hash does not match the record's content: the line was edited";
  if (formatLine(record) !== text) return "the line is not in the writer's format (field order or whitespace changed)";
  const expectedSeq = (previous?.seq ?? 0) + 1;
  if (record.seq !== expectedSeq) {
    return `seq is ${record.seq}, expected ${expectedSeq}: a line was deleted, inserted or moved here`;
  }
  const expectedPrev = previous?.hash ?? AUDIT_GENESIS_HASH;
  if (record.prev_hash !== expectedPrev) {
    return previous
      ? "prev_hash is not the hash of the line before: a line was replaced, inserted or moved here"
      : "prev_hash of the first line is not the genesis hash (64 zeros): the start of the log is missing";
  }
  return record;
}

interface RawLine {
  readonly bytes: Buffer;
  readonly terminated: boolean;
}

/** Splits the first `size` bytes of `file` on "\n", streaming, and says whether the last piece was terminated. */
async function* readLines(file: string, size: number): AsyncGenerator<RawLine> {
  if (size === 0) return;
  let pending: Buffer[] = [];
  try {
    for await (const chunk of createReadStream(file, { start: 0, end: size - 1 }) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
        pending.push(chunk.subarray(start, newline));
        yield { bytes: Buffer.concat(pending), terminated: true };
        pending = [];
        start = newline + 1;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
  } catch (error) {
    throw new AuditLogError(`cannot read audit log ${file}: ${fsErrorReason(error)}`, { cause: error });
  }
  if (pending.length > 0) yield { bytes: Buffer.concat(pending), terminated: false };
}
