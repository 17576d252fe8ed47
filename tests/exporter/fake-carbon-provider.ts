import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeProvider {
  /** Base URL with a `{region}` placeholder, e.g. `http://127.0.0.1:1234/intensity/{region}`. */
  readonly url: string;
  readonly requests: Array<{ path: string; authorization: string | undefined }>;
  /** How the next requests are answered. */
  respond: (req: IncomingMessage, res: ServerResponse) => void;
  close(): Promise<void>;
}

/** A local HTTP carbon-intensity provider on 127.0.0.1 whose answers each test decides. */
export async function startFakeProvider(): Promise<FakeProvider> {
  const pending = new Set<ServerResponse>();
  const provider: FakeProvider = {
    url: "",
    requests: [],
    respond: (_req, res) => res.end(JSON.stringify({ carbonIntensity: 1 })),
    async close() {
      for (const res of pending) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
  const server = createServer((req, res) => {
    provider.requests.push({ path: req.url ?? "", authorization: req.headers.authorization });
    pending.add(res);
    res.on("close", () => pending.delete(res));
    provider.respond(req, res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return Object.assign(provider, { url: `http://127.0.0.1:${port}/v1/intensity/{region}` });
}

/** Answers JSON with the given body and status. */
export function json(body: unknown, status = 200) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
}

/** Answers a non-JSON body with status 200. */
export function text(body: string) {
  return (_req: IncomingMessage, res: ServerResponse) => res.end(body);
}

/** Never answers (until the test closes the provider): a hung provider. */
export function hang() {
  return () => undefined;
}
