import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, linkSync, openSync, readFileSync, readlinkSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { AuditLogError, fsErrorReason as reason } from "./errors.js";

/**
 * An exclusive lock file shared by every process that appends to one audit log (see
 * docs/audit.md, "Concurrency model"). Created with O_CREAT|O_EXCL, which is atomic on local
 * file systems and NFSv3+; it holds the owner's identity so that a lock left by a crashed
 * process can be recognised and broken.
 *
 * The file operations are synchronous on purpose: each is a single short system call, and doing
 * them without event-loop turns keeps the time the lock is held (and so every waiter's wait) to
 * a minimum. Only the pauses between attempts are asynchronous.
 */
export interface LockOptions {
  /** How long to keep retrying a held lock before giving up. @default 30000 */
  readonly timeoutMs?: number;
  /**
   * Age after which a lock is broken even if its owner cannot be proven dead (owner on another
   * host or in another PID namespace). An append holds the lock for milliseconds. @default 20000
   */
  readonly staleMs?: number;
}

interface Owner {
  readonly pid: number;
  readonly host: string;
  /** Linux PID namespace (`/proc/self/ns/pid` link), so a PID is only checked where it means the same process. */
  readonly pidNamespace: string | null;
  readonly token: string;
}

/** The lock file this process created, known by its inode. */
interface HeldLock {
  readonly ino: number;
}

/** Longest pause between attempts; short because the lock is held for a single append. */
const MAX_BACKOFF_MS = 2;
/** When a waiter first looks at the holder (to break a dead holder's lock), then how often. */
const FIRST_STALE_CHECK_MS = 20;
const STALE_CHECK_INTERVAL_MS = 100;

const ownPidNamespace = readPidNamespace();

/** Runs `fn` while holding the lock file at `lockPath`, and always releases it afterwards. */
export async function withLockFile<T>(lockPath: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const held = await acquire(lockPath, options.timeoutMs ?? 30_000, options.staleMs ?? 20_000);
  try {
    return await fn();
  } finally {
    release(lockPath, held);
  }
}

async function acquire(lockPath: string, timeoutMs: number, staleMs: number): Promise<HeldLock> {
  const owner: Owner = { pid: process.pid, host: hostname(), pidNamespace: ownPidNamespace, token: randomBytes(12).toString("hex") };
  const started = Date.now();
  let nextStaleCheck = started + FIRST_STALE_CHECK_MS;
  let backoffMs = 1;
  for (;;) {
    const held = tryCreate(lockPath, owner);
    if (held) return held;
    const now = Date.now();
    // The lock is usually free again within a millisecond, so only look at the holder once a
    // wait has lasted a while.
    if (now >= nextStaleCheck) {
      if (breakIfStale(lockPath, staleMs)) continue;
      nextStaleCheck = now + STALE_CHECK_INTERVAL_MS;
    }
    if (now - started >= timeoutMs) {
      throw new AuditLogError(`audit log is locked (${lockPath}, held by ${describeHolder(lockPath)}); gave up after ${timeoutMs} ms`);
    }
    // Random jitter so that waiting processes do not retry in lockstep.
    await sleep(Math.random() * backoffMs);
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  }
}

/** Creates the lock file with O_EXCL; undefined when another process holds it. */
function tryCreate(lockPath: string, owner: Owner): HeldLock | undefined {
  let fd: number;
  try {
    fd = openSync(lockPath, "wx", 0o644);
  } catch (error) {
    if (code(error) === "EEXIST") return undefined;
    throw new AuditLogError(`cannot create lock file ${lockPath}: ${reason(error)}`, { cause: error });
  }
  try {
    writeSync(fd, JSON.stringify(owner));
    return { ino: fstatSync(fd).ino };
  } catch (error) {
    unlinkQuietly(lockPath); // do not leave an ownerless lock behind
    throw new AuditLogError(`cannot write lock file ${lockPath}: ${reason(error)}`, { cause: error });
  } finally {
    closeSync(fd);
  }
}

function release(lockPath: string, held: HeldLock): void {
  // Only remove the lock if it is still ours (it may have been broken as stale meanwhile).
  if (inodeOf(lockPath) === held.ino) unlinkQuietly(lockPath);
}

/** Removes the lock if it is stale; true when the caller should retry at once. */
function breakIfStale(lockPath: string, staleMs: number): boolean {
  const seen = inspect(lockPath);
  if (!seen) return true; // released meanwhile
  if (!isStale(seen, staleMs)) return false;
  // Move the stale lock aside atomically; of several breakers only one succeeds.
  const tombstone = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    renameSync(lockPath, tombstone);
  } catch (error) {
    if (code(error) === "ENOENT") return true;
    throw new AuditLogError(`cannot remove stale lock file ${lockPath}: ${reason(error)}`, { cause: error });
  }
  const moved = inspect(tombstone);
  if (moved && (moved.ino !== seen.ino || moved.raw !== seen.raw)) {
    // Another breaker got there first and a live process re-created the lock: put it back.
    try {
      linkSync(tombstone, lockPath);
    } catch {
      // A third process holds the lock now; it stays the only holder.
    }
  }
  unlinkQuietly(tombstone);
  return true;
}

interface SeenLock {
  readonly raw: string;
  readonly owner: Owner | undefined;
  readonly ino: number;
  readonly ageMs: number;
}

function inspect(path: string): SeenLock | undefined {
  try {
    const info = statSync(path);
    const raw = readFileSync(path, "utf8");
    return { raw, owner: parseOwner(raw), ino: info.ino, ageMs: Date.now() - info.mtimeMs };
  } catch (error) {
    if (code(error) === "ENOENT") return undefined;
    throw new AuditLogError(`cannot read lock file ${path}: ${reason(error)}`, { cause: error });
  }
}

function isStale(lock: SeenLock, staleMs: number): boolean {
  if (lock.ageMs > staleMs) return true;
  const owner = lock.owner;
  // A PID only identifies a process on the same host and in the same PID namespace.
  const checkable = owner !== undefined && owner.host === hostname() && owner.pidNamespace !== null && owner.pidNamespace === ownPidNamespace;
  return checkable && !isAlive(owner.pid);
}

function describeHolder(lockPath: string): string {
  let owner: Owner | undefined;
  try {
    owner = inspect(lockPath)?.owner;
  } catch {
    owner = undefined;
  }
  return owner ? `pid ${owner.pid} on ${owner.host}` : "an unknown process";
}

function parseOwner(raw: string): Owner | undefined {
  try {
    const value = JSON.parse(raw) as Partial<Owner>;
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.token === "string") {
      return { pid: value.pid, host: value.host, token: value.token, pidNamespace: typeof value.pidNamespace === "string" ? value.pidNamespace : null };
    }
  } catch {
    // Empty or partly written (its creator is between open and write): judged by age alone.
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === "EPERM"; // exists, owned by another user
  }
}

function inodeOf(path: string): number | undefined {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function readPidNamespace(): string | null {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return null; // not Linux: fall back to the age rule
  }
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
