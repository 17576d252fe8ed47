import { randomBytes } from "node:crypto";
import { readlinkSync } from "node:fs";
import { link, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { AuditLogError, fsErrorReason as reason } from "./errors.js";

/**
 * An exclusive lock file shared by every process that appends to one audit log (see
 * docs/audit.md, "Concurrency model"). Created with O_CREAT|O_EXCL, which is atomic on local
 * file systems and NFSv3+; it holds the owner's identity so that a lock left by a crashed
 * process can be recognised and broken.
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

/** Longest pause between attempts; short because the lock is held for a single append. */
const MAX_BACKOFF_MS = 8;

const ownPidNamespace = readPidNamespace();

/** Runs `fn` while holding the lock file at `lockPath`, and always releases it afterwards. */
export async function withLockFile<T>(lockPath: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const owner = await acquire(lockPath, options.timeoutMs ?? 30_000, options.staleMs ?? 20_000);
  try {
    return await fn();
  } finally {
    await release(lockPath, owner);
  }
}

async function acquire(lockPath: string, timeoutMs: number, staleMs: number): Promise<Owner> {
  const owner: Owner = { pid: process.pid, host: hostname(), pidNamespace: ownPidNamespace, token: randomBytes(12).toString("hex") };
  const content = JSON.stringify(owner);
  const deadline = Date.now() + timeoutMs;
  let backoffMs = 1;
  for (;;) {
    try {
      const handle = await open(lockPath, "wx", 0o644);
      try {
        await handle.writeFile(content);
      } catch (error) {
        await unlink(lockPath).catch(() => undefined); // do not leave an ownerless lock behind
        throw error;
      } finally {
        await handle.close();
      }
      return owner;
    } catch (error) {
      if (code(error) !== "EEXIST") throw new AuditLogError(`cannot create lock file ${lockPath}: ${reason(error)}`, { cause: error });
    }
    if (await breakIfStale(lockPath, staleMs)) continue;
    if (Date.now() >= deadline) {
      throw new AuditLogError(`audit log is locked (${lockPath}, held by ${await describeHolder(lockPath)}); gave up after ${timeoutMs} ms`);
    }
    // Random jitter so that waiting processes do not retry in lockstep.
    await sleep(Math.random() * backoffMs);
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  }
}

/** Removes the lock if it is stale; true when the caller should retry at once. */
async function breakIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const seen = await inspect(lockPath);
  if (!seen) return true; // released meanwhile
  if (!isStale(seen, staleMs)) return false;
  // Move the stale lock aside atomically; of several breakers only one succeeds.
  const tombstone = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await rename(lockPath, tombstone);
  } catch (error) {
    if (code(error) === "ENOENT") return true;
    throw new AuditLogError(`cannot remove stale lock file ${lockPath}: ${reason(error)}`, { cause: error });
  }
  const moved = await inspect(tombstone);
  if (moved && (moved.ino !== seen.ino || moved.raw !== seen.raw)) {
    // Another breaker got there first and a live process re-created the lock: put it back.
    await link(tombstone, lockPath).catch(() => undefined);
  }
  await unlink(tombstone).catch(() => undefined);
  return true;
}

interface SeenLock {
  readonly raw: string;
  readonly owner: Owner | undefined;
  readonly ino: number;
  readonly ageMs: number;
}

async function inspect(path: string): Promise<SeenLock | undefined> {
  try {
    const [info, raw] = await Promise.all([stat(path), readFile(path, "utf8")]);
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

async function release(lockPath: string, owner: Owner): Promise<void> {
  // Only remove the lock if it is still ours (it may have been broken as stale meanwhile).
  const seen = await inspect(lockPath).catch(() => undefined);
  if (seen?.owner?.token === owner.token) await unlink(lockPath).catch(() => undefined);
}

async function describeHolder(lockPath: string): Promise<string> {
  const owner = (await inspect(lockPath).catch(() => undefined))?.owner;
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
