import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_AUDIT_LOG_PATH } from "../../src/audit/fields.js";
import { main } from "../../src/cli/main.js";
import { repositoryRoot } from "../../src/config/project-paths.js";

const cwd = mkdtempSync(join(tmpdir(), "nfops-audit-cli-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const nfops = (...args: string[]) =>
  spawnSync(process.execPath, [join(repositoryRoot, "bin", "nfops.mjs"), "audit", ...args], { cwd, encoding: "utf8" });
const defaultLog = join(cwd, DEFAULT_AUDIT_LOG_PATH);

/** Runs `nfops audit …` in this process (fast); returns the exit code and what it printed. */
async function nfopsInProcess(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((text: unknown) => void out.push(String(text)));
  const error = vi.spyOn(console, "error").mockImplementation((text: unknown) => void err.push(String(text)));
  try {
    return { status: await main(["audit", ...args]), stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

// The cases run in order: the log they share grows by one record per successful append.
describe("nfops audit", () => {
  it("GIVEN a LOGIN failure WHEN appended by the real CLI without --file THEN it goes to the default log and the record is printed", () => {
    const result = nfops("append", "--event", "LOGIN", "--actor", "alice", "--outcome", "failure", "--details", '{"ip":"10.0.0.7"}');
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ seq: 1, event: "LOGIN", actor: "alice", outcome: "failure", details: { ip: "10.0.0.7" } });
    expect(readFileSync(defaultLog, "utf8")).toBe(result.stdout);
  });

  it.each([
    ["an unknown event", ["--event", "LOGOUT", "--actor", "alice", "--outcome", "success"], /--event: must be one of "PROMOTE", "PREDICT", "REGISTRY", "LOGIN" \(value: "LOGOUT"\)/],
    ["a missing actor", ["--event", "LOGIN", "--outcome", "success"], /--actor: is required/],
    ["bad JSON in --details", ["--event", "LOGIN", "--actor", "a", "--outcome", "success", "--details", "{oops"], /--details is not valid JSON.*\{oops/],
    ["--details that is not an object", ["--event", "LOGIN", "--actor", "a", "--outcome", "success", "--details", "[1]"], /--details must be a JSON object/],
    ["an unknown option", ["--event", "LOGIN", "--actor", "a", "--outcome", "success", "--user", "x"], /Unknown option '--user'/],
  ])("GIVEN %s WHEN appending THEN it exits 2 with the reason and the log is unchanged", async (_name, args, message) => {
    const before = readFileSync(defaultLog);
    const result = await nfopsInProcess("append", ...args, "--file", defaultLog);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(readFileSync(defaultLog)).toEqual(before);
  });

  it("GIVEN an unwritable --file WHEN appending THEN it exits 1 naming the file", async () => {
    writeFileSync(join(cwd, "blocker"), "");
    const file = join(cwd, "blocker", "audit.log");
    const result = await nfopsInProcess("append", "--event", "LOGIN", "--actor", "a", "--outcome", "success", "--file", file, "--no-fsync");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/nfops audit: cannot .*blocker\/audit\.log/);
  });

  it("GIVEN an intact log WHEN verified THEN it exits 0 with the record count and head", async () => {
    expect((await nfopsInProcess("append", "--event", "PROMOTE", "--actor", "bob", "--outcome", "success", "--resource", "model:v2", "--file", defaultLog)).status).toBe(0);
    const result = await nfopsInProcess("verify", "--file", defaultLog);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/audit\.log: OK, 2 record\(s\), chain intact \(last seq 2, hash [0-9a-f]{64}\)/);
  });

  it("GIVEN the second line edited WHEN verified by the real CLI THEN it exits 1 naming line 2 and why", () => {
    writeFileSync(defaultLog, readFileSync(defaultLog, "utf8").replace('"actor":"bob"', '"actor":"eve"'));
    const result = nfops("verify");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^logs\/audit\/audit\.log:2: hash does not match the record's content/);
  });

  it("GIVEN a missing file WHEN verified THEN it exits 1 naming the file", async () => {
    const result = await nfopsInProcess("verify", "--file", join(cwd, "nope.log"));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot read audit log .*nope\.log: ENOENT/);
  });

  it("GIVEN an unknown action WHEN run THEN it is a usage error", async () => {
    const result = await nfopsInProcess("rotate");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown audit action "rotate"/);
  });
});
