import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repositoryRoot } from "../src/config/project-paths.js";
import { bundleExporter } from "../src/exporter/bundle.js";
import { EXPORTER_ENTRYPOINT, METRICS_PATH } from "../src/exporter/container-contract.js";
import { startBundle } from "../tests/exporter/run-bundle.js";
import { percentile, type BenchResult } from "./stats.js";

const SCRAPERS = 100;
const SCRAPES = 10_000;
/** Each paced scraper scrapes this often: 100 scrapers at 10 Hz are 1,000 scrapes/s, far above any real setup. */
const PACED_INTERVAL_MS = 100;
const WARM_UP_SCRAPES = 500;

/**
 * The exporter as the image runs it (the bundle with the image's Node flags, in its own process,
 * on the repository's pricing). Targets: paced p99 < 2 ms, RSS < 64 MB after 20,000 scrapes.
 * - paced: 100 concurrent scrapers, each scraping every 100 ms — the latency a scraper sees;
 * - saturated: 100 scrapers back to back (always 100 in flight) — throughput; its latency is
 *   mostly queueing on the one event loop, shown for context.
 * The client runs in this process on the same machine, so both figures include its own cost.
 */
export async function benchExporter(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "nfops-bench-exporter-"));
  const bundle = join(dir, "nfops-exporter.mjs");
  await bundleExporter(bundle);
  const nodeFlags = EXPORTER_ENTRYPOINT.slice(1, -1);
  const pricingDir = join(repositoryRoot, "pricing");
  const running = await startBundle(bundle, ["--pricing-dir", pricingDir, "--stacks-dir", join(dir, "none"), "--port", "0", "--host", "127.0.0.1"], nodeFlags);
  const agent = new Agent({ keepAlive: true, maxSockets: SCRAPERS });
  const pid = running.child.pid!;
  try {
    const rssStartMb = rssMb(pid);
    await scrapeSaturated(running.port, agent, WARM_UP_SCRAPES);
    const paced = await scrapePaced(running.port, agent, SCRAPES);
    const rssPacedMb = rssMb(pid);
    const saturatedStarted = performance.now();
    const saturated = await scrapeSaturated(running.port, agent, SCRAPES);
    const saturatedSeconds = (performance.now() - saturatedStarted) / 1000;
    const rssEndMb = rssMb(pid);
    const flags = nodeFlags.length > 0 ? ` (node ${nodeFlags.join(" ")})` : "";
    return [
      { name: "exporter: paced scrape latency p50", value: percentile(paced, 50), unit: "ms", note: `${SCRAPERS} scrapers x every ${PACED_INTERVAL_MS} ms, ${SCRAPES} scrapes` },
      { name: "exporter: paced scrape latency p99", value: percentile(paced, 99), unit: "ms", note: "target < 2 ms" },
      { name: "exporter: saturated throughput", value: SCRAPES / saturatedSeconds, unit: "/s", note: `${SCRAPERS} scrapers back to back, ${SCRAPES} scrapes` },
      { name: "exporter: saturated scrape latency p50", value: percentile(saturated, 50), unit: "ms", note: "queueing behind 99 others" },
      { name: "exporter: saturated scrape latency p99", value: percentile(saturated, 99), unit: "ms", note: "" },
      { name: "exporter: RSS at start", value: rssStartMb, unit: "MB", note: `bundle process${flags}, before any scrape` },
      { name: "exporter: RSS after 10,000 paced scrapes", value: rssPacedMb, unit: "MB", note: `plus ${WARM_UP_SCRAPES} warm-up` },
      { name: "exporter: RSS after 20,000 scrapes", value: rssEndMb, unit: "MB", note: "after the saturated run as well; target < 64 MB" },
    ];
  } finally {
    agent.destroy();
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `total` scrapes by SCRAPERS loops, each starting a scrape every PACED_INTERVAL_MS (staggered); wall time of each, ms. */
async function scrapePaced(port: number, agent: Agent, total: number): Promise<number[]> {
  const latencies: number[] = [];
  const perScraper = Math.ceil(total / SCRAPERS);
  const scraper = async (index: number) => {
    await sleep((index * PACED_INTERVAL_MS) / SCRAPERS);
    for (let i = 0; i < perScraper; i++) {
      const started = performance.now();
      await scrape(port, agent);
      const took = performance.now() - started;
      latencies.push(took);
      await sleep(Math.max(0, PACED_INTERVAL_MS - took));
    }
  };
  await Promise.all(Array.from({ length: SCRAPERS }, (_, i) => scraper(i)));
  return latencies;
}

/** `total` scrapes by SCRAPERS loops back to back; wall time of each, ms. */
async function scrapeSaturated(port: number, agent: Agent, total: number): Promise<number[]> {
  const latencies: number[] = [];
  let started = 0;
  const scraper = async () => {
    while (started < total) {
      started += 1;
      const t0 = performance.now();
      await scrape(port, agent);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: SCRAPERS }, scraper));
  return latencies;
}

function scrape(port: number, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: METRICS_PATH, agent }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`scrape answered ${res.statusCode}`));
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    req.end();
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resident set size of a process, MB (1e6 bytes), from /proc (Linux). */
function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? (Number(match[1]) * 1024) / 1e6 : Number.NaN;
}
