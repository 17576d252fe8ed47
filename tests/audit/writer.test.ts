import { spawnSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, utimesSync, writeFileSync, writeSync, openSync, closeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { recordHash } from "../../src/audit/chain.js";
import { AuditEventError, AuditLogError, fsErrorReason } from "../../src/audit/errors.js";
import { AUDIT_GENESIS_HASH, AUDIT_LINE_REGEX } from "../../src/audit/fields.js";
import type { AuditEvent } from "../../src/audit/record-schema.js";
import { verifyAuditLog } from "../../src/audit/verify.js";
import { appendAuditEvent, lockPathOf } from "../../src/audit/writer.js";
import { auditLogFixture } from "./audit-log-fixture.js";

const fixture = auditLogFixture();
afterAll(() => fixture.remove());

const login: AuditEvent = { event: "LOGIN", actor: "alice", outcome: "failure" };
const noFsync = { fsync: false } as const;

describe("appendAuditEvent", () => {
  it("GIVEN a log with a second hard link WHEN appending through either name THEN it is refused and nothing is written: the two names would take two locks", async () => {
    const file = fixture.path();
    await appendAuditEvent(file, login, noFsync);
    const other = `${file}.hardlink`;
    linkSync(file, other);
    const before = readFileSync(file, "utf8");
    for (const name of [file, other]) {
      const error = await appendAuditEvent(name, login, noFsync).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuditLogError);
      expect((error as Error).message).toContain("has 2 hard links");
    }
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("GIVEN a symlink to a log not created yet THEN a writer through it takes the same lock as one through the target, relative or absolute: from the first append they cannot both chain after the same line", () => {
    const real = fixture.path();
    const absolute = `${real}.absolute-link`;
    const relative = `${real}.relative-link`;
    const chained = `${real}.chained-link`;
    symlinkSync(real, absolute);
    symlinkSync(real.split("/").pop() as string, relative);
    symlinkSync(absolute, chained);
    expect(existsSync(real)).toBe(false);
    for (const link of [absolute, relative, chained]) expect(lockPathOf(link)).toBe(lockPathOf(real));
  });

  it("GIVEN a full file system THEN the reason says so before the code", () => {
    let caught: unknown;
    const fd = openSync("/dev/full", "w");
    try {
      writeSync(fd, "x");
    } catch (error) {
      caught = error;
    } finally {
      closeSync(fd);
    }
    expect(fsErrorReason(caught)).toMatch(/^the file system is full: ENOSPC \(no space left on device/);
  });

  it("GIVEN a new file WHEN two events are appended THEN they form a chain from the genesis hash", async () => {
    const file = fixture.path();
    const first = await appendAuditEvent(file, login);
    const second = await appendAuditEvent(file, { event: "PROMOTE", actor: "bob", outcome: "success", resource: "model:v2", request_id: "req-9", details: { to: "prod" } });

    expect(first).toMatchObject({ seq: 1, prev_hash: AUDIT_GENESIS_HASH, resource: "", details: {} });
    expect(first.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(first.hash).toBe(recordHash(first));
    expect(second).toMatchObject({ seq: 2, prev_hash: first.hash, resource: "model:v2", request_id: "req-9", details: { to: "prod" } });
    expect(fixture.lines(file).map((line) => JSON.parse(line) as unknown)).toEqual([first, second]);
    expect(existsSync(lockPathOf(file))).toBe(false);
  });

  it("GIVEN written lines WHEN matched with the collector's pattern THEN each is recognised with its event type", async () => {
    const file = await fixture.withRecords(4);
    expect(fixture.lines(file).map((line) => AUDIT_LINE_REGEX.exec(line)?.[1])).toEqual(["PROMOTE", "PREDICT", "REGISTRY", "LOGIN"]);
  });

  it("GIVEN a missing directory WHEN appending THEN it is created", async () => {
    const file = join(fixture.dir, "nested", "logs", "audit.log");
    await appendAuditEvent(file, login, noFsync);
    expect(await verifyAuditLog(file)).toMatchObject({ validRecords: 1 });
  });

  describe("bad input leaves the log exactly as it was", () => {
    it.each<[string, unknown, RegExp]>([
      ["an unknown event", { ...login, event: "LOGOUT" }, /\/event: must be one of .*"LOGOUT"/],
      ["a missing actor", { event: "LOGIN", outcome: "failure" }, /\/actor: is required/],
      ["details that are a list", { ...login, details: [1, 2] }, /\/details: must be object/],
      ["details JSON cannot hold", { ...login, details: { n: 1n } }, /cannot be written as JSON.*BigInt/],
      ["details too large for one line", { ...login, details: { blob: "x".repeat(70_000) } }, /more than the 65536 allowed/],
    ])("GIVEN %s WHEN appending THEN it is refused and nothing is written", async (_name, event, message) => {
      const file = await fixture.withRecords(2);
      const before = fixture.bytes(file);
      const attempt = appendAuditEvent(file, event as AuditEvent, noFsync);
      await expect(attempt).rejects.toThrow(AuditEventError);
      await expect(appendAuditEvent(file, event as AuditEvent, noFsync)).rejects.toThrow(message);
      expect(fixture.bytes(file)).toEqual(before);
      expect(existsSync(lockPathOf(file))).toBe(false);
    });

    it("GIVEN a path below a regular file WHEN appending THEN it fails naming the path and creates nothing", async () => {
      const blocker = fixture.path("not-a-dir");
      writeFileSync(blocker, "x");
      const file = join(blocker, "audit.log");
      await expect(appendAuditEvent(file, login, noFsync)).rejects.toThrow(AuditLogError);
      await expect(appendAuditEvent(file, login, noFsync)).rejects.toThrow(/not-a-dir\/audit\.log.*(ENOTDIR|EEXIST)/);
      expect(readFileSync(blocker, "utf8")).toBe("x");
    });

    it("GIVEN a path that is a directory WHEN appending THEN it fails with the reason and leaves no lock file", async () => {
      const file = fixture.path("a-directory");
      mkdirSync(file);
      await expect(appendAuditEvent(file, login, noFsync)).rejects.toThrow(/cannot open audit log .*a-directory.*EISDIR/);
      expect(existsSync(lockPathOf(file))).toBe(false);
    });

    it("GIVEN a log whose last line was cut WHEN appending THEN it refuses to extend the broken chain", async () => {
      const file = await fixture.withRecords(3);
      writeFileSync(file, readFileSync(file).subarray(0, -10));
      const before = fixture.bytes(file);
      await expect(appendAuditEvent(file, login, noFsync)).rejects.toThrow(/last line is incomplete.*nfops audit verify/);
      expect(fixture.bytes(file)).toEqual(before);
    });

    it("GIVEN a log whose last line was edited WHEN appending THEN it refuses to chain onto it", async () => {
      const file = await fixture.withRecords(3);
      writeFileSync(file, readFileSync(file, "utf8").replace('"actor":"user-2"', '"actor":"mallory"'));
      const before = fixture.bytes(file);
      await expect(appendAuditEvent(file, login, noFsync)).rejects.toThrow(/last line was edited/);
      expect(fixture.bytes(file)).toEqual(before);
    });
  });

  describe("lock file", () => {
    const pidNamespace = readlinkSync("/proc/self/ns/pid");
    const lockBy = (file: string, owner: object) => writeFileSync(lockPathOf(file), JSON.stringify({ token: "t", ...owner }));

    it("GIVEN a lock left by a process on this host that has exited WHEN appending THEN the lock is broken and the append succeeds", async () => {
      const file = await fixture.withRecords(1);
      const dead = spawnSync(process.execPath, ["-e", ""]).pid;
      lockBy(file, { pid: dead, host: hostname(), pidNamespace });
      await appendAuditEvent(file, login, { ...noFsync, lock: { timeoutMs: 5_000 } });
      expect(await verifyAuditLog(file)).toMatchObject({ validRecords: 2 });
      expect(existsSync(lockPathOf(file))).toBe(false);
    });

    it("GIVEN a fresh lock held by a process on another host WHEN the timeout passes THEN the append fails naming the holder and writes nothing", async () => {
      const file = await fixture.withRecords(1);
      lockBy(file, { pid: 4242, host: "other-node", pidNamespace: null });
      const before = fixture.bytes(file);
      await expect(appendAuditEvent(file, login, { ...noFsync, lock: { timeoutMs: 200 } })).rejects.toThrow(
        /audit log is locked .*held by pid 4242 on other-node.*gave up after 200 ms/,
      );
      expect(fixture.bytes(file)).toEqual(before);
      expect(existsSync(lockPathOf(file))).toBe(true); // a live holder's lock is never taken away early
    });

    it.each([
      ["a process on another host", JSON.stringify({ pid: 4242, host: "other-node", token: "t" })],
      ["an unknown process (empty lock file)", ""],
    ])("GIVEN a lock by %s older than staleMs WHEN appending THEN the lock is broken", async (_name, content) => {
      const file = await fixture.withRecords(1);
      writeFileSync(lockPathOf(file), content);
      const aMinuteAgo = new Date(Date.now() - 60_000);
      utimesSync(lockPathOf(file), aMinuteAgo, aMinuteAgo);
      await appendAuditEvent(file, login, { ...noFsync, lock: { timeoutMs: 5_000, staleMs: 30_000 } });
      expect(await verifyAuditLog(file)).toMatchObject({ validRecords: 2 });
    });
  });
});
