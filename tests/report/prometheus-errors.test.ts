import { once } from "node:events";
import { createServer, type RequestListener, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { PrometheusClient, PrometheusError } from "../../src/report/prometheus-client.js";
import { runNfops } from "../helpers/nfops-cli.js";
import { freePort } from "../helpers/processes.js";

const servers: Server[] = [];

/** A fake Prometheus on 127.0.0.1 answering every request with `handler`. */
async function fakePrometheus(handler: RequestListener): Promise<string> {
  const server = createServer(handler).listen(0, "127.0.0.1");
  servers.push(server);
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections(); // the silent server's requests are still open
    server.close();
    await once(server, "close");
  }
});

/** The CLI and the client in-process fail alike: exit 1, and a message naming the URL and the cause. */
async function expectFailure(url: string, cause: RegExp, timeoutSeconds = 5): Promise<void> {
  const client = new PrometheusClient({ baseUrl: url, timeoutMs: timeoutSeconds * 1000 });
  const error = await client.instantQuery("up", new Date()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PrometheusError);
  expect((error as Error).message).toContain(`Prometheus at ${url} `);
  expect((error as Error).message).toMatch(cause);

  const result = await runNfops(["report", "--prometheus", url, "--timeout", String(timeoutSeconds)]);
  expect(result.status, result.stderr).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain(`nfops report: Prometheus at ${url} `);
  expect(result.stderr).toMatch(cause);
}

describe("nfops report when Prometheus fails", () => {
  it("GIVEN nothing listening on the port THEN it says the URL is unreachable and why", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    await expectFailure(url, /is unreachable: connect ECONNREFUSED/);
  });

  it("GIVEN a server answering 500 with a plain body THEN it quotes the status and the body", async () => {
    const url = await fakePrometheus((_request, response) => {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end("upstream exploded\n");
    });
    await expectFailure(url, /answered HTTP 500 Internal Server Error: upstream exploded/);
  });

  it("GIVEN Prometheus' own error envelope THEN it quotes errorType and error", async () => {
    const url = await fakePrometheus((_request, response) => {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: "error", errorType: "bad_data", error: 'invalid parameter "query": 1:5: parse error' }));
    });
    await expectFailure(url, /rejected the query: bad_data: invalid parameter "query": 1:5: parse error \(query: /);
  });

  it("GIVEN a server that never answers THEN the query fails after the timeout, not later", async () => {
    const url = await fakePrometheus(() => undefined);
    const started = Date.now();
    await expectFailure(url, /did not answer within 0\.5 s/, 0.5);
    // Bounded, not timed: two runs of half a second each, far from hanging (the CLI run has its own bound).
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("GIVEN a 200 answer that is not an instant vector THEN it says so instead of reporting zeros", async () => {
    const url = await fakePrometheus((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html>login</html>");
    });
    await expectFailure(url, /answered something that is not an instant vector: <html>login<\/html>/);
  });
});
