import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

export interface RunningBundle {
  readonly child: ChildProcess;
  readonly port: number;
  /** JSON log records printed so far. */
  readonly records: Array<Record<string, unknown>>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the bundled exporter (`node [nodeFlags] FILE exporter ...args`) and waits for its
 * "listening" record.
 */
export async function startBundle(file: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<RunningBundle> {
  const child = spawn(process.execPath, [...nodeFlags, file, "exporter", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const records: Array<Record<string, unknown>> = [];
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, "exit");
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      records.push(record);
      if (record.msg === "cost exporter listening") resolve(record.port as number);
    });
    child.on("exit", (code) => reject(new Error(`exporter exited with ${code} before listening: ${stderr}`)));
  });
  return {
    child,
    port,
    records,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

/** Runs the bundle to completion (for start-up failures); resolves with exit code and stderr. */
export async function runBundle(file: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [file, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stderr };
}
