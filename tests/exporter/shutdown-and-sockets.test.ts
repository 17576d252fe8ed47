import { Agent, request } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadPricing } from "../../src/config/load-pricing.js";
import { METRICS_PATH } from "../../src/exporter/container-contract.js";
import { loadExporterEnvironment } from "../../src/exporter/exporter-environment.js";
import { startExporter, type RunningExporter } from "../../src/exporter/exporter.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";
import { captureLogger } from "./capture-logger.js";

let project: TempProject | undefined;
let exporter: RunningExporter | undefined;
afterEach(async () => {
  await exporter?.close();
  exporter = undefined;
  project?.remove();
});

async function start(): Promise<RunningExporter> {
  project = tempProject({ pricing: "fixture" });
  project.write("stacks/test.yaml", "region: test-region\ncost: { defaultGpuType: test-gpu }\n");
  const pricing = loadPricing(project);
  const environment = loadExporterEnvironment(project.stacksDir, "test", pricing);
  exporter = await startExporter({ pricingDir: project.pricingDir, settings: environment!.settings, port: 0, host: "127.0.0.1", log: captureLogger().log });
  return exporter;
}

function get(port: number, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: METRICS_PATH, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Raw bytes over one socket; resolves with what the server sent and how long until it closed. */
function raw(port: number, bytes: string): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve({ answer, closedAfterMs: Date.now() - started }));
  });
}

/** Requests in flight or answered before the close starts. */
const UNDER_LOAD = 150;

describe("exporter shutdown under load", () => {
  it("GIVEN keep-alive scrapers sending WHEN the exporter is closed THEN every request sent before the close is answered, none reset", async () => {
    const running = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    const sent: Promise<number | Error>[] = [];
    let closing = false;
    const loops = Array.from({ length: 50 }, async () => {
      while (!closing) {
        const reply = get(running.port, agent).catch((error: Error) => error);
        sent.push(reply);
        await reply;
      }
    });
    // Close under load: once well over 100 requests have been sent, however slow the machine is.
    const deadline = Date.now() + 20_000;
    while (sent.length <= UNDER_LOAD && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    closing = true;
    const closed = running.close();
    const outcomes = await Promise.all(sent);
    await Promise.all(loops);
    await closed;
    agent.destroy();
    expect(outcomes.length).toBeGreaterThan(UNDER_LOAD);
    expect(outcomes.filter((o) => o !== 200).map(String)).toEqual([]);
  });
});

describe("exporter sockets", () => {
  it("GIVEN a client that never finishes its headers WHEN it waits THEN the socket is closed after the 5 s header timeout, not the 30 s check interval", async () => {
    const running = await start();
    const { closedAfterMs } = await raw(running.port, "GET /metrics HTTP/1.1\r\nHost: x\r\n");
    expect(closedAfterMs).toBeLessThan(15_000);
  }, 30_000);

  it("GIVEN a request in absolute form (as through a proxy) WHEN sent THEN it is served like its path", async () => {
    const running = await start();
    const { answer } = await raw(running.port, `GET http://127.0.0.1:${running.port}/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain("ok");
  });

  it("GIVEN a CONNECT request WHEN sent THEN it is answered 405 with Allow, like any other method", async () => {
    const running = await start();
    const { answer } = await raw(running.port, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 405 /);
    expect(answer.toLowerCase()).toContain("allow: get, head");
  });
});

