// The rules bench writes the fleet's last 70 minutes into its Prometheus' head through the
// remote-write receiver (bench/head-history.ts, bench/remote-write.ts): checked here against a real
// Prometheus, which decodes the request and stores exactly the samples written.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { counter, gauge, HOUR, MINUTE } from "../../bench/fleet.js";
import { blockHistory, HEAD_HISTORY_MS, writeHeadHistory } from "../../bench/head-history.js";
import { keyLabels, writeRequestBody } from "../../bench/remote-write.js";
import { queryPrometheus } from "../helpers/processes.js";
import { startPrometheusOnTsdb, type PrometheusServer } from "../helpers/prometheus-server.js";

/**
 * A fresh Prometheus with the remote-write receiver for the suite that calls it: the head refuses
 * samples older than an hour before its newest, so each suite starts from an empty head.
 */
function withPrometheus(): () => PrometheusServer {
  const dir = mkdtempSync(join(tmpdir(), "nfops-head-history-"));
  let server: PrometheusServer | undefined;
  beforeAll(async () => {
    server = await startPrometheusOnTsdb(dir, 30_000, ["--web.enable-remote-write-receiver"]);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => server as PrometheusServer;
}

const write = (prometheus: PrometheusServer, body: Buffer) =>
  fetch(`${prometheus.url}/api/v1/write`, { method: "POST", headers: { "content-type": "application/x-protobuf", "content-encoding": "snappy" }, body });
const metrics = async (prometheus: PrometheusServer) => await (await fetch(`${prometheus.url}/metrics`)).text();
const gaugeValue = (text: string, name: string) => Number(text.split("\n").find((line) => line.startsWith(`${name} `))?.split(" ")[1]);

describe("remote-write request body", () => {
  const server = withPrometheus();
  it("GIVEN an exposition key WHEN parsed THEN the name is __name__, quotes and backslashes are unescaped and the labels are sorted", () => {
    expect(keyLabels('up{zone="a\\"b",job="x",a="c\\\\d"}')).toEqual([["__name__", "up"], ["a", "c\\d"], ["job", "x"], ["zone", 'a"b']]);
    expect(keyLabels("vector_one")).toEqual([["__name__", "vector_one"]]);
  });

  it("GIVEN series and samples WHEN written to a real Prometheus THEN it stores each sample at its timestamp, labels and values exact", async () => {
    const prometheus = server();
    const at = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    // 3,000 series: a body of several 64 KiB literals and a three-byte length preamble.
    const many = Array.from({ length: 3000 }, (_, i) => ({ labels: keyLabels(`bench_many{i="${i}",model="NVIDIA H100 80GB HBM3"}`), samples: [[at, i + 0.25]] as Array<[number, number]> }));
    const response = await write(prometheus, writeRequestBody([{ labels: keyLabels('bench_written{job="x",quote="a\\"b"}'), samples: [[at - 30_000, 1.5], [at - 15_000, -2], [at, 1e12 + 0.5]] }, ...many]));
    expect(response.status).toBe(204);
    const range = (await (await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent("bench_written[1m]")}&time=${at / 1000}`)).json()) as { data: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> } };
    expect(range.data.result).toEqual([{ metric: { __name__: "bench_written", job: "x", quote: 'a"b' }, values: [[(at - 30_000) / 1000, "1.5"], [(at - 15_000) / 1000, "-2"], [at / 1000, "1000000000000.5"]] }]);
    const sum = await queryPrometheus(prometheus.url, `sum(bench_many) and count(bench_many) == 3000`);
    // 0 + 1 + ... + 2999 plus 3,000 quarters.
    expect(Number(sum[0]?.value[1])).toBe((2999 * 3000) / 2 + 750);
  });
});

describe("the bench's head history", () => {
  const server = withPrometheus();
  it("GIVEN series with 80, 65 and 5 minutes of history WHEN written THEN the head holds 70 minutes of the first, all of the others, and the blocks keep only what is older", async () => {
    const prometheus = server();
    const end = Math.floor(Date.now() / MINUTE) * MINUTE;
    const fleet = [
      gauge("bench_head_gauge", { job: "x" }, 7, 80 * MINUTE),
      counter("bench_head_counter", { job: "x" }, 2, HOUR + 5 * MINUTE),
      gauge("bench_head_recent", { job: "x" }, 1, 5 * MINUTE),
      gauge("bench_head_live", { job: "x" }, 1, 0),
    ];
    // Only the gauge's oldest 10 minutes are older than the head's span.
    expect(blockHistory(fleet).map((s) => [s.key, s.historyMs])).toEqual([['bench_head_gauge{job="x"}', 10 * MINUTE]]);
    const written = await writeHeadHistory(prometheus.url, fleet, end - HEAD_HISTORY_MS, end);
    expect(written.series).toBe(3);
    // More than one 10-minute slice per series: one piece of over an hour would be refused as out of bounds.
    const at = end / 1000;
    const byName: Record<string, number> = {};
    for (const name of ["bench_head_gauge", "bench_head_counter", "bench_head_recent", "bench_head_live"]) {
      const count = await queryPrometheus(prometheus.url, `count_over_time(${name}[${HEAD_HISTORY_MS / MINUTE + 1}m] @ ${at - 0.001})`);
      if (count[0]) byName[name] = Number(count[0].value[1]);
    }
    expect(byName).toEqual({ bench_head_gauge: HEAD_HISTORY_MS / 15_000, bench_head_counter: (HOUR + 5 * MINUTE) / 15_000, bench_head_recent: (5 * MINUTE) / 15_000 });
    const increase = await queryPrometheus(prometheus.url, `bench_head_counter @ ${at - 0.001} - bench_head_counter @ ${at - 3600.001}`);
    expect(Number(increase[0]?.value[1])).toBe(2 * 3600);
    const text = await metrics(prometheus);
    expect(gaugeValue(text, "prometheus_tsdb_head_min_time")).toBe(end - HEAD_HISTORY_MS);
    expect(gaugeValue(text, "prometheus_tsdb_blocks_loaded")).toBe(0);
  });
});
