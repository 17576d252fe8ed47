import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { repositoryRoot } from "../../src/config/project-paths.js";

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node bin/nfops.mjs ...args` as users do, without blocking the event loop (spawnSync would
 * stall fake servers living in the test process). Killed after `boundMs` so a hang fails the test;
 * the default stays under the test timeout but leaves a loaded CI machine time for a `diff` of two
 * refs (30 s was reached under a load average of 38).
 */
export async function runNfops(args: readonly string[], boundMs = 50_000): Promise<CliResult> {
  const child = spawn(process.execPath, [join(repositoryRoot, "bin", "nfops.mjs"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), boundMs);
  const [status] = (await once(child, "close")) as [number | null]; // "close": stdout and stderr are drained too
  clearTimeout(timer);
  return { status, stdout, stderr };
}
