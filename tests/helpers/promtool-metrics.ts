import { spawnSync } from "node:child_process";

/**
 * Feeds a text exposition to `promtool check metrics`, Prometheus' own parser, and returns its parse
 * error, or "" when the text parses. promtool 2.42 exits 1 on a parse error ("error while linting:
 * text format parsing error…") and 3 on lint findings alone (a counter without `_total`, `_mb` in a
 * name: fixed names of the contract), which do not make the text unreadable.
 */
export function promtoolParseError(exposition: string): string {
  const run = spawnSync("promtool", ["check", "metrics"], { input: exposition, encoding: "utf8" });
  if (run.error) throw run.error;
  return run.status === 0 || run.status === 3 ? "" : `promtool exited ${run.status}: ${run.stderr.trim()}`;
}
