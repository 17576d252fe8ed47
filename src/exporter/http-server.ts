import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { Registry } from "prom-client";
import { HEALTH_PATH, METRICS_PATH, READY_PATH } from "./container-contract.js";
import type { Logger } from "./logger.js";

const ALLOWED_METHODS = ["GET", "HEAD"];

export interface ExporterServerOptions {
  readonly registry: Registry;
  /** The exposition text to serve (a shared, briefly cached rendering of `registry`). */
  readonly exposition: () => Promise<string>;
  /** Ready while pricing is loaded and the exporter is not shutting down. */
  readonly isReady: () => boolean;
  /** True once shutdown has begun: responses then ask clients to close their keep-alive sockets. */
  readonly isClosing: () => boolean;
  readonly log: Logger;
}

/** The exporter's HTTP server: the three routes of the container contract, 404 elsewhere, 405 for other methods. */
export function createExporterServer(options: ExporterServerOptions): Server {
  const routes: Record<string, (res: ServerResponse) => Promise<void> | void> = {
    [METRICS_PATH]: async (res) => {
      const body = await options.exposition();
      send(res, 200, body, options.registry.contentType);
    },
    [HEALTH_PATH]: (res) => send(res, 200, "ok\n"),
    [READY_PATH]: (res) => (options.isReady() ? send(res, 200, "ready\n") : send(res, 503, "not ready\n")),
  };

  // Sockets are checked for the header and request timeouts every second, not Node's default 30 s.
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req: IncomingMessage, res: ServerResponse) => {
    // During shutdown every answer closes its socket, so clients reconnect elsewhere instead of
    // sending the next scrape on a socket the server is about to close.
    if (options.isClosing()) res.setHeader("connection", "close");
    const path = requestPath(req.url ?? "/");
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (!route) return send(res, 404, "not found\n");
    if (!ALLOWED_METHODS.includes(req.method ?? "")) {
      res.setHeader("allow", ALLOWED_METHODS.join(", "));
      return send(res, 405, "method not allowed\n");
    }
    Promise.resolve(route(res)).catch((error: unknown) => {
      options.log.error({ err: error, path }, "request failed");
      if (!res.headersSent) send(res, 500, "internal error\n");
      else res.destroy();
    });
  });
  // A stuck client must not hold a socket forever; Prometheus scrapes finish in milliseconds.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  // Node hands CONNECT to a separate event and, with no listener, drops the socket unanswered.
  server.on("connect", (_req: IncomingMessage, socket: Duplex) => {
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\nallow: ${ALLOWED_METHODS.join(", ")}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
  });
  return server;
}

/**
 * The path of a request target: origin-form (`/metrics?x`) as is, absolute-form
 * (`http://host:9464/metrics`, RFC 9112 §3.2.2, which servers must accept, as proxies send it)
 * by its path.
 */
function requestPath(target: string): string {
  if (!target.startsWith("/")) {
    try {
      return new URL(target).pathname;
    } catch {
      return target;
    }
  }
  return target.split("?")[0] ?? "/";
}

function send(res: ServerResponse, status: number, body: string, contentType = "text/plain; charset=utf-8"): void {
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
  // HEAD gets the headers only; `end(body)` would be ignored by Node for HEAD anyway, but be explicit.
  res.end(res.req.method === "HEAD" ? undefined : body);
}
