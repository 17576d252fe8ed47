import { once } from "node:events";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer } from "node:net";

/** One notification as a receiver would have got it. */
export interface Delivery {
  /** `slack`, `pagerduty`, `webhook` or `email`. */
  readonly integration: string;
  /** Slack channel, PagerDuty routing key, or e-mail recipient; empty for webhooks. */
  readonly to: string;
  /** Alert names the notification is about. */
  readonly alertnames: readonly string[];
  /** `firing` or `resolved`. */
  readonly status: string;
  /** The rendered text a person reads (Slack title and text, PagerDuty summary, e-mail). */
  readonly text: string;
  readonly atMs: number;
}

/**
 * Stands in for Slack, PagerDuty, a dead man's switch and an SMTP server on loopback, and keeps what
 * Alertmanager sends to each, parsed into `Delivery` records.
 */
export class CaptureReceivers {
  readonly deliveries: Delivery[] = [];
  private http?: Server;
  private smtp?: TcpServer;
  httpPort = 0;
  smtpPort = 0;

  async start(): Promise<void> {
    this.http = createHttpServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        this.record(req.url ?? "/", body);
        res.writeHead(200, { "content-type": "application/json" }).end('{"status":"success","message":"ok"}');
      });
    }).listen(0, "127.0.0.1");
    await once(this.http, "listening");
    this.httpPort = (this.http.address() as { port: number }).port;

    this.smtp = createTcpServer((socket) => {
      // Enough SMTP for Alertmanager: no AUTH or STARTTLS offered, one message per connection.
      let data = "";
      let inData = false;
      socket.setEncoding("utf8");
      socket.write("220 capture ESMTP\r\n");
      socket.on("data", (chunk: string) => {
        if (inData) {
          data += chunk;
          if (data.includes("\r\n.\r\n")) {
            inData = false;
            this.recordEmail(data);
            socket.write("250 queued\r\n");
          }
          return;
        }
        for (const line of chunk.split("\r\n").filter(Boolean)) {
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === "EHLO" || verb === "HELO") socket.write("250-capture\r\n250 8BITMIME\r\n");
          else if (verb === "DATA") {
            inData = true;
            socket.write("354 go ahead\r\n");
          } else if (verb === "QUIT") socket.end("221 bye\r\n");
          else socket.write("250 ok\r\n");
        }
      });
    }).listen(0, "127.0.0.1");
    await once(this.smtp, "listening");
    this.smtpPort = (this.smtp.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    for (const server of [this.http, this.smtp]) {
      if (!server) continue;
      server.close();
      if ("closeAllConnections" in server) server.closeAllConnections();
    }
  }

  private record(path: string, body: string): void {
    const json = JSON.parse(body || "{}") as Record<string, any>;
    const atMs = Date.now();
    if (path.startsWith("/slack")) {
      const attachment = json.attachments?.[0] ?? {};
      const text = `${attachment.title ?? ""}\n${attachment.text ?? ""}`;
      const alertnames = [...text.matchAll(/\*Alert:\* (\w+)/g)].map((m) => m[1] as string);
      this.deliveries.push({ integration: "slack", to: json.channel ?? "", alertnames, status: /^\[RESOLVED/.test(attachment.title ?? "") ? "resolved" : "firing", text, atMs });
    } else if (path.startsWith("/pagerduty")) {
      const summary: string = json.payload?.summary ?? "";
      const alertname = /^\[[^\]]*\] (\w+)/.exec(summary)?.[1] ?? "";
      this.deliveries.push({ integration: "pagerduty", to: json.routing_key ?? "", alertnames: [alertname], status: json.event_action === "resolve" ? "resolved" : "firing", text: summary, atMs });
    } else {
      const alerts = (json.alerts ?? []) as { labels: Record<string, string> }[];
      this.deliveries.push({ integration: "webhook", to: "", alertnames: alerts.map((a) => a.labels.alertname ?? ""), status: json.status ?? "", text: body, atMs });
    }
  }

  private recordEmail(data: string): void {
    const subject = /^Subject: (.*)$/m.exec(data)?.[1] ?? "";
    const to = /^To: (.*)$/m.exec(data)?.[1] ?? "";
    const alertname = /^\[(?:FIRING|RESOLVED)\] (\w+)/.exec(subject)?.[1] ?? "";
    // Quoted-printable soft line breaks would split words the assertions look for.
    const text = data.replace(/=\r\n/g, "").replace(/=3D/g, "=");
    this.deliveries.push({ integration: "email", to, alertnames: [alertname], status: subject.startsWith("[RESOLVED]") ? "resolved" : "firing", text, atMs: Date.now() });
  }
}

/** A fake scrape target on loopback whose exposition the test changes at will. */
export class FakeTarget {
  private server?: Server;
  port = 0;
  constructor(public metrics: () => string) {}

  async start(port = 0): Promise<this> {
    this.server = createHttpServer((_req, res) => res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(this.metrics())).listen(port, "127.0.0.1");
    await once(this.server, "listening");
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const closed = once(this.server, "close");
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }
}
