import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/audit/verify.js";
import { repositoryRoot } from "../../src/config/project-paths.js";

const PROCESSES = 8;
// Enough to interleave the 8 writers thousands of times; 5,000 each only made the test 5x slower.
const APPENDS_PER_PROCESS = 1_000;
const dir = mkdtempSync(join(tmpdir(), "nfops-audit-concurrency-"));
/** The append loop and the writer library bundled once: ten processes each transpiling them through tsx cost more than their appends. */
const script = join(dir, "append-loop.mjs");
beforeAll(async () => {
  await build({ entryPoints: [join(import.meta.dirname, "fixtures", "append-loop.ts")], bundle: true, platform: "node", format: "esm", outfile: script, logLevel: "warning" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the append loop in a separate Node process; resolves with its exit code and stderr. */
function runWorker(file: string, worker: number, appends = APPENDS_PER_PROCESS): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, file, String(appends), String(worker)], {
      cwd: repositoryRoot,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("concurrent appends from several processes", () => {
  it(`GIVEN ${PROCESSES} processes each appending ${APPENDS_PER_PROCESS} events to one file WHEN all finish THEN every line is there, valid and chained`, async () => {
    const file = join(dir, "audit.log");
    const results = await Promise.all(Array.from({ length: PROCESSES }, (_, worker) => runWorker(file, worker)));
    expect(results).toEqual(Array.from({ length: PROCESSES }, () => ({ code: 0, stderr: "" })));

    const total = PROCESSES * APPENDS_PER_PROCESS;
    const verification = await verifyAuditLog(file);
    expect(verification.problem).toBeUndefined();
    expect(verification.validRecords).toBe(total);
    expect(verification.head?.seq).toBe(total);

    // Each worker's own events arrive complete and in its own order.
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(total);
    const seen = new Map<string, number[]>();
    for (const line of lines) {
      const record = JSON.parse(line) as { actor: string; details: { i: number } };
      seen.set(record.actor, [...(seen.get(record.actor) ?? []), record.details.i]);
    }
    expect(seen.size).toBe(PROCESSES);
    for (const indices of seen.values()) expect(indices).toEqual(Array.from({ length: APPENDS_PER_PROCESS }, (_, i) => i));
  });

  it("GIVEN two processes appending to one log, one through a symlink and one through the real path, WHEN both finish THEN the chain is one, not forked", async () => {
    const real = join(dir, "real.log");
    const link = join(dir, "link.log");
    symlinkSync(real, link);
    const appends = 1_000;
    const results = await Promise.all([runWorker(real, 0, appends), runWorker(link, 1, appends)]);
    expect(results).toEqual([{ code: 0, stderr: "" }, { code: 0, stderr: "" }]);
    const verification = await verifyAuditLog(real);
    expect(verification.problem).toBeUndefined();
    expect(verification.validRecords).toBe(2 * appends);
    expect(verification.head?.seq).toBe(2 * appends);
  });
});
