import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

/** Whether a command runs here (`--version` exits 0); e2e suites skip, and say why, when it does not. */
export function installed(command: string): boolean {
  return spawnSync(command, ["--version"]).status === 0;
}

/**
 * Ports handed out for binaries that cannot be given port 0 and report back: below Linux's ephemeral
 * range (32768-60999), because a port taken from that range is free only until some other test's
 * `listen(0)` or outgoing connection is given it, before the binary has started and bound it.
 */
const RESERVED_PORTS = { from: 20_000, to: 32_000 };

/** A port that was free a moment ago on 127.0.0.1, outside the range the kernel hands out itself. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = RESERVED_PORTS.from + Math.floor(Math.random() * (RESERVED_PORTS.to - RESERVED_PORTS.from));
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (!bound) continue;
    server.close();
    await once(server, "close");
    return port;
  }
}

export interface RunningProcess {
  /** Process id, for CPU and memory readings in /proc (bench suites). */
  readonly pid: number;
  /** What the process wrote to stdout and stderr so far, for assertion messages. */
  output(): string;
  /** SIGTERM, then waits for the exit; safe to call twice. */
  stop(): Promise<void>;
}

/** Starts a long-running binary whose output is kept for failure messages; `env` is added to this process's environment. */
export function startProcess(command: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): RunningProcess {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return {
    pid: child.pid ?? -1,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** An instant query against a Prometheus HTTP API. */
export async function queryPrometheus(baseUrl: string, expr: string): Promise<VectorSample[]> {
  const response = await fetch(`${baseUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await response.json()) as { status: string; data: { result: VectorSample[] } };
  if (body.status !== "success") throw new Error(`query ${expr} failed: ${JSON.stringify(body)}`);
  return body.data.result;
}
