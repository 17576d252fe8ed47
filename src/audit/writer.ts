import { randomUUID } from "node:crypto";
import { closeSync, fstatSync, fsync as fsyncCallback, ftruncateSync, lstatSync, mkdirSync, openSync, readlinkSync, realpathSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { formatLine, recordHash, sealRecord } from "./chain.js";
import { AuditEventError, AuditLogError, fsErrorReason } from "./errors.js";
import { AUDIT_GENESIS_HASH, AUDIT_MAX_LINE_BYTES } from "./fields.js";
import { readLastLine } from "./last-line.js";
import { withLockFile, type LockOptions } from "./lock-file.js";
import { auditEventProblems, auditRecordProblems, type AuditEvent, type AuditRecord } from "./record-schema.js";

const fsyncAsync = promisify(fsyncCallback);

export interface AppendOptions {
  /**
   * fsync the file after the line is written, so that an appended event survives a crash or
   * power loss. Turn off only where throughput matters more than the last few events.
   * @default true
   */
  readonly fsync?: boolean;
  /** Lock-file timing; see `LockOptions`. */
  readonly lock?: LockOptions;
}

/**
 * The lock file that serialises appends to `file`, next to the file's real path: two writers that
 * reach one log through a symlink and through its real path must take the same lock, or both
 * append after the same last line and fork the chain.
 */
export function lockPathOf(file: string): string {
  return `${realLogPath(file)}.lock`;
}

/** Symlinks followed to a log not created yet before giving up (the kernel's own limit is 40). */
const MAX_SYMLINK_HOPS = 40;

/**
 * The log's real path (symlinks resolved). For a log not created yet: where a dangling symlink
 * points (opening it creates that file, so a writer through the link and one through the target
 * must take the same lock from the first append), else its directory's real path and its name.
 */
function realLogPath(file: string, hops = 0): string {
  try {
    return realpathSync(file);
  } catch {
    // Not there yet, or a symlink to a file not there yet.
  }
  try {
    if (hops < MAX_SYMLINK_HOPS && lstatSync(file).isSymbolicLink()) return realLogPath(resolve(dirname(file), readlinkSync(file)), hops + 1);
  } catch {
    // No such entry at all: a plain name in its directory.
  }
  try {
    return join(realpathSync(dirname(file)), basename(file));
  } catch {
    return file;
  }
}

/**
 * Appends one event to the audit log at `file` and returns the record written. The event is
 * validated first; under the file's lock the last line is read and checked, the new record is
 * chained to it (`seq` + 1, `prev_hash`) and written with a single `write`. On any error nothing
 * is left behind: invalid input touches no file, and a failed write is truncated away.
 */
export async function appendAuditEvent(file: string, event: AuditEvent, options: AppendOptions = {}): Promise<AuditRecord> {
  const input = checkedEvent(event);
  assertFitsOnALine(input);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new AuditLogError(`cannot create the directory of audit log ${file}: ${fsErrorReason(error)}`, { cause: error });
  }
  // After mkdir, so the directory's real path exists for a log not created yet.
  return withLockFile(lockPathOf(file), options.lock ?? {}, async () => {
    const fd = openForAppend(file);
    try {
      return await appendLocked(fd, file, input, options.fsync ?? true);
    } finally {
      closeSync(fd);
    }
  });
}

async function appendLocked(fd: number, file: string, input: Required<AuditEvent>, fsync: boolean): Promise<AuditRecord> {
  const { size, nlink } = fstatSync(fd);
  // The lock is named after the log's real path; a second hard link is a second real path, so a
  // second lock, and two appends after one last line would fork the chain. One name per log.
  if (nlink > 1) {
    throw new AuditLogError(`audit log ${file} has ${nlink} hard links: writers through different names would not share a lock and could fork the chain; keep one name (a symlink is fine)`);
  }
  const previous = size === 0 ? undefined : lastRecord(fd, size, file);
  const record = sealRecord({
    ts: new Date().toISOString(),
    seq: (previous?.seq ?? 0) + 1,
    event: input.event,
    actor: input.actor,
    outcome: input.outcome,
    resource: input.resource,
    request_id: input.request_id,
    details: input.details,
    prev_hash: previous?.hash ?? AUDIT_GENESIS_HASH,
  });
  const line = Buffer.from(`${formatLine(record)}\n`, "utf8");
  try {
    // One write per line: with O_APPEND the line lands at the end in one piece.
    const written = writeSync(fd, line, 0, line.length);
    if (written !== line.length) throw new Error(`short write: ${written} of ${line.length} bytes`);
    // Asynchronous so that the event loop runs meanwhile; the lock stays held until it is done.
    if (fsync) await fsyncAsync(fd);
    // The first line also makes the file's directory entry durable.
    if (fsync && size === 0) await fsyncDirectory(dirname(file));
  } catch (error) {
    truncateQuietly(fd, size); // leave no partial line behind
    throw new AuditLogError(`cannot append to audit log ${file}: ${fsErrorReason(error)}`, { cause: error });
  }
  return record;
}

function openForAppend(file: string): number {
  try {
    // a+ = O_RDWR|O_APPEND|O_CREAT: reads at any offset, every write goes to the end.
    return openSync(file, "a+", 0o640);
  } catch (error) {
    throw new AuditLogError(`cannot open audit log ${file} for appending: ${fsErrorReason(error)}`, { cause: error });
  }
}

/** The record on the file's last line, checked so that a broken chain is never extended. */
function lastRecord(fd: number, size: number, file: string): AuditRecord {
  const last = readLastLine(fd, size);
  const refuse = (why: string) =>
    new AuditLogError(`cannot append to audit log ${file}: its last line ${why}; run \`nfops audit verify --file ${file}\``);
  if (!last.terminated) throw refuse("is incomplete (no trailing newline)");
  let record: unknown;
  try {
    record = JSON.parse(last.text);
  } catch {
    throw refuse("is not valid JSON");
  }
  const problems = auditRecordProblems(record);
  if (problems.length > 0) throw refuse(`is not a valid audit record (${problems.join("; ")})`);
  const valid = record as AuditRecord;
  if (recordHash(valid) !== valid.hash) throw refuse("was edited (its hash does not match its content)");
  return valid;
}

async function fsyncDirectory(dir: string): Promise<void> {
  const fd = openSync(dir, "r");
  try {
    await fsyncAsync(fd);
  } finally {
    closeSync(fd);
  }
}

function truncateQuietly(fd: number, size: number): void {
  try {
    ftruncateSync(fd, size);
  } catch {
    // Nothing more can be done; verify will report the damaged last line.
  }
}

/** Rejects an event whose line would exceed the limit, before any file is touched. */
function assertFitsOnALine(input: Required<AuditEvent>): void {
  // The largest `seq` and any hash give an upper bound of the final line's length.
  const widest = { ...input, ts: new Date().toISOString(), seq: Number.MAX_SAFE_INTEGER, prev_hash: AUDIT_GENESIS_HASH, hash: AUDIT_GENESIS_HASH };
  const bytes = Buffer.byteLength(`${formatLine(widest)}\n`, "utf8");
  if (bytes > AUDIT_MAX_LINE_BYTES) {
    throw new AuditEventError([`/details: the record would be up to ${bytes} bytes, more than the ${AUDIT_MAX_LINE_BYTES} allowed on one line`]);
  }
}

/** Validates the caller's event and fills in the optional fields. */
function checkedEvent(event: AuditEvent): Required<AuditEvent> {
  let plain: unknown;
  try {
    // A JSON round trip, so that what is hashed is exactly what a reader parses back.
    plain = JSON.parse(JSON.stringify(event));
  } catch (error) {
    throw new AuditEventError([`/: cannot be written as JSON (${(error as Error).message})`]);
  }
  const problems = auditEventProblems(plain);
  if (problems.length > 0) throw new AuditEventError(problems);
  const valid = plain as AuditEvent;
  return {
    event: valid.event,
    actor: valid.actor,
    outcome: valid.outcome,
    resource: valid.resource ?? "",
    request_id: valid.request_id ?? randomUUID(),
    details: valid.details ?? {},
  };
}
