import { once } from "node:events";
import { createServer, type RequestListener, type Server } from "node:http";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { PrometheusClient } from "../../src/report/prometheus-client.js";
import { markdownText, renderMarkdown } from "../../src/report/render-markdown.js";
import type { Report } from "../../src/report/report.js";
import { runNfops } from "../helpers/nfops-cli.js";

const servers: Server[] = [];

async function server(handler: RequestListener): Promise<string> {
  const listening = createServer(handler).listen(0, "127.0.0.1");
  servers.push(listening);
  await once(listening, "listening");
  return `http://127.0.0.1:${(listening.address() as { port: number }).port}`;
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
    await once(s, "close");
  }
});

const MiB = 1024 * 1024;
const query = (baseUrl: string) => new PrometheusClient({ baseUrl, timeoutMs: 20_000, maxAnswerBytes: MiB }).instantQuery("up", new Date()).then(
  () => "(answered)",
  (error: Error) => error.message,
);

describe("nfops report reads bounded answers", () => {
  it("GIVEN an endless body THEN the query fails once the cap is passed, with a clear error", async () => {
    const url = await server((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, "x");
      const write = () => {
        while (response.write(chunk));
        response.once("drain", write);
      };
      write();
    });
    expect(await query(url)).toBe(`Prometheus at ${url} answered more than ${MiB} bytes (decompressed); not read further`);
  });

  it("GIVEN a gzip bomb (100 MB of zeros in a small body) THEN decompression stops at the cap", async () => {
    const bomb = gzipSync(Buffer.alloc(100 * MiB));
    expect(bomb.length).toBeLessThan(MiB);
    const url = await server((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      response.end(bomb);
    });
    expect(await query(url)).toBe(`Prometheus at ${url} answered more than ${MiB} bytes (decompressed); not read further`);
  });

  it("GIVEN a redirect to another origin THEN it is not followed and the other server hears nothing", async () => {
    let heard = 0;
    const other = await server((_request, response) => {
      heard++;
      response.end("{}");
    });
    const url = await server((_request, response) => {
      response.writeHead(302, { location: `${other}/api/v1/query?query=up` });
      response.end();
    });
    expect(await query(url)).toBe(`Prometheus at ${url} redirected to another origin (${other}); not followed`);
    expect(heard).toBe(0);
  });

  it("GIVEN a redirect within the origin (a path prefix) THEN it is followed", async () => {
    const url = await server((request, response) => {
      if (!request.url?.startsWith("/prefix/")) {
        response.writeHead(301, { location: `/prefix${request.url}` });
        response.end();
        return;
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: { job: "x" }, value: [0, "1"] }] } }));
    });
    const samples = await new PrometheusClient({ baseUrl: url, timeoutMs: 5_000 }).instantQuery("up", new Date());
    expect(samples).toEqual([{ labels: { job: "x" }, value: 1 }]);
  });

  it("GIVEN an error envelope with a huge message THEN the message is truncated", async () => {
    const url = await server((_request, response) => {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: "error", errorType: "bad_data", error: "e".repeat(100_000) }));
    });
    const message = await query(url);
    expect(message).toContain("rejected the query: bad_data: eee");
    expect(message.length).toBeLessThan(1_000);
  });

  it("GIVEN a base URL with credentials THEN they are sent as basic auth and no message prints them", async () => {
    let authorization: string | undefined;
    const url = await server((request, response) => {
      authorization = request.headers.authorization;
      response.writeHead(500);
      response.end("no");
    });
    const message = await query(url.replace("http://", "http://reader:s3cr3t@"));
    expect(message).toBe(`Prometheus at ${url}/ answered HTTP 500 Internal Server Error: no`);
    expect(authorization).toBe(`Basic ${Buffer.from("reader:s3cr3t").toString("base64")}`);
  });
});

describe("nfops report's options", () => {
  it("GIVEN a timeout longer than a timer can wait THEN it is a usage error, not a timer that fires at once", async () => {
    const run = await runNfops(["report", "--prometheus", "http://127.0.0.1:9", "--timeout", "3000000"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--timeout must be at most 2147483 seconds, the longest a timer waits");
  });

  it("GIVEN a malformed URL with credentials THEN the usage error does not print them", async () => {
    const run = await runNfops(["report", "--prometheus", "ftp://reader:s3cr3t@prometheus:9090"]);
    expect(run.status).toBe(2);
    expect(run.stderr).not.toContain("s3cr3t");
  });
});

describe("nfops report's Markdown", () => {
  const base: Report = {
    prometheus: "http://prometheus:9090",
    time: "2025-06-02T00:00:00.000Z",
    days: 1,
    core: { status: "no data", missingMetrics: ["a"] },
    llm: { status: "no data", missingMetrics: ["b"] },
    slo: { status: "no data", missingMetrics: ["c"] },
  };

  it("GIVEN label values with Markdown, HTML, links and line breaks THEN they stay text in their cell", () => {
    const hostile = "ml|x\n# Pwned <img src=x onerror=alert(1)> [click](https://evil.example) *bold* www.evil.example";
    const markdown = renderMarkdown({
      ...base,
      core: { status: "ok", rows: [{ namespace: hostile, gpuModel: "", costUsd: 1, co2Kg: 1, gpuHours: 1 }], total: { costUsd: 1, co2Kg: 1, gpuHours: 1 }, missingMetrics: [] },
    });
    const row = markdown.split("\n").find((line) => line.includes("Pwned")) as string;
    expect(markdown.split("\n").filter((line) => line.startsWith("#"))).toEqual(["# nfops report", "## Cost, CO2 and GPU-hours by namespace and GPU model", "## LLM calls by provider and model", "## SLO error budgets"]);
    expect(row).toContain("ml\\|x # Pwned &lt;img src=x onerror=alert(1)&gt; \\[click\\](https&#58;//evil.example) \\*bold\\* www&#46;evil.example");
    expect(row.split(/(?<!\\)\|/)).toHaveLength(7); // five cells between six bars
    expect(markdownText("research-team.a")).toBe("research-team.a");
  });

  it("GIVEN 200,000 rows THEN the table is laid out without spreading them as arguments (Math.max(...rows) overflows the stack from about 130,000)", () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => ({ namespace: `ns-${i}`, gpuModel: "A100", costUsd: i, co2Kg: 1, gpuHours: 1 }));
    const markdown = renderMarkdown({ ...base, core: { status: "ok", rows, total: { costUsd: 1, co2Kg: 1, gpuHours: 1 }, missingMetrics: [] } });
    expect(markdown).toContain("| ns-199999 ");
  });
});
