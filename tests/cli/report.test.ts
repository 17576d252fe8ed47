import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { runNfops } from "../helpers/nfops-cli.js";

/** `nfops ...args` in-process (the option checks need no child process): exit code and what it printed. */
async function nfopsInProcess(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const status = await main(args);
  const printed = (spy: typeof log) => spy.mock.calls.map((call) => call.join(" ")).join("\n");
  return { status, stdout: printed(log), stderr: printed(error) };
}

afterEach(() => vi.restoreAllMocks());

describe("nfops report options", () => {
  it.each([
    { args: [], message: "--prometheus is required" },
    { args: ["--prometheus", "ftp://prometheus:9090"], message: '--prometheus must be an http(s) URL (value: "ftp://prometheus:9090")' },
    { args: ["--prometheus", "prometheus:9090x"], message: "--prometheus must be an http(s) URL" },
    { args: ["--prometheus", "not a url"], message: '--prometheus must be an http(s) URL (value: "not a url")' },
    { args: ["--prometheus", "http://p:9090", "--days", "0"], message: '--days must be a whole number of days, 1 or more (value: "0")' },
    { args: ["--prometheus", "http://p:9090", "--days=-3"], message: "--days must be a whole number of days" },
    { args: ["--prometheus", "http://p:9090", "--days", "1.5"], message: '(value: "1.5")' },
    { args: ["--prometheus", "http://p:9090", "--days", "seven"], message: '(value: "seven")' },
    { args: ["--prometheus", "http://p:9090", "--format", "html"], message: '--format must be one of markdown, json (value: "html")' },
    { args: ["--prometheus", "http://p:9090", "--timeout", "0"], message: '--timeout must be a positive number of seconds (value: "0")' },
    { args: ["--prometheus", "http://p:9090", "--time", "yesterday"], message: '--time must be RFC 3339 (2025-06-02T00:00:00Z) or Unix seconds (value: "yesterday")' },
    { args: ["--prometheus", "http://p:9090", "--time", "2025-06-02"], message: '(value: "2025-06-02")' },
    { args: ["--prometheus", "http://p:9090", "--weeks", "2"], message: "Unknown option '--weeks'" },
  ])("GIVEN $args THEN it is a usage error naming the problem, before any request", async ({ args, message }) => {
    const result = await nfopsInProcess(["report", ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`nfops report: `);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Usage: nfops report --prometheus URL");
  });

  it("GIVEN --help to the binary THEN it prints the usage and exits 0", async () => {
    const result = await runNfops(["report", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: nfops report --prometheus URL [--days N] [--format markdown|json]");
  });

  it("GIVEN nfops --help THEN report is listed", async () => {
    const result = await runNfops(["--help"]);
    expect(result.stdout).toMatch(/^ {2}report {4}cost, CO2, GPU-hours, LLM calls and SLO budgets/m);
  });
});
