import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { CostExporterSettings } from "../config/cost-exporter-settings.js";
import { cachedExposition } from "./exposition-cache.js";
import { createExporterServer } from "./http-server.js";
import { LiveCarbonIntensity } from "./live-carbon-intensity.js";
import type { Logger } from "./logger.js";
import { createExporterRegistry } from "./metrics.js";
import { PricingStore } from "./pricing-store.js";
import { watchPricingDir } from "./pricing-watcher.js";

/**
 * Shutdown first keeps serving this long, answering with `Connection: close` (and readiness 503),
 * so requests already on the wire are answered and clients close their own keep-alive sockets.
 */
const DRAIN_DELAY_MS = 500;
/** Then it waits this long for scrapes in flight before cutting sockets (Kubernetes grants 30 s before SIGKILL). */
const CLOSE_GRACE_MS = 5_000;

/** Scrapes within this window share one rendering (see exposition-cache.ts); 1 s is the shortest scrape interval we support. */
const EXPOSITION_MAX_AGE_MS = 1_000;

export interface ExporterOptions {
  readonly pricingDir: string;
  /** The environment's settings: `costExporter` and the `region` whose carbon intensity may be live. */
  readonly settings: CostExporterSettings;
  /** Listen port; 0 picks a free one (tests). */
  readonly port: number;
  /** Listen address; undefined listens on every interface. */
  readonly host?: string;
  /** Bearer-token file of the live carbon provider, if it needs one. */
  readonly carbonTokenFile?: string;
  readonly log: Logger;
  /** Clock, for tests of time-of-use prices. */
  readonly now?: () => Date;
}

export interface RunningExporter {
  /** The port actually listened on. */
  readonly port: number;
  readonly pricing: PricingStore;
  /** Stops accepting scrapes, finishes the ones in flight and releases watchers and timers. */
  close(): Promise<void>;
}

/** Loads pricing (throws ConfigError when it is missing or invalid), then serves metrics until `close()`. */
export async function startExporter(options: ExporterOptions): Promise<RunningExporter> {
  const { log, settings } = options;
  const now = options.now ?? (() => new Date());
  const store = PricingStore.open(options.pricingDir, log, () => now().getTime());
  const live = liveCarbonFor(options);
  let closing = false;

  const registry = createExporterRegistry({
    pricing: () => store.current,
    reloadErrors: () => store.reloadErrors,
    // Only the environment's own region is asked for (providers meter requests); others stay static.
    liveCarbonIntensity: (region) => (live && region === settings.region ? live.valueFor(region) : undefined),
    carbonProviderErrors: () => live?.errors ?? 0,
    now,
  });
  const exposition = cachedExposition(registry, EXPOSITION_MAX_AGE_MS);
  const server = createExporterServer({ registry, exposition, isReady: () => !closing, isClosing: () => closing, log });
  const watcher = watchPricingDir({
    pricingDir: options.pricingDir,
    checkIntervalMs: settings.costExporter.reloadCheckSeconds * 1000,
    onCheck: () => store.check(),
    log,
  });
  if (live) void live.refresh(settings.region);

  server.listen(options.port, options.host);
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  log.info({ port, pricingDir: options.pricingDir, sha256: store.current.sha256, liveCarbon: Boolean(live) }, "cost exporter listening");

  return {
    port,
    pricing: store,
    async close() {
      if (closing) return;
      closing = true;
      watcher.close();
      live?.close();
      await new Promise((resolve) => setTimeout(resolve, DRAIN_DELAY_MS));
      const closed = once(server, "close");
      // Stops listening and closes sockets with no request in progress; those with one finish first.
      server.close();
      // Scrapes in flight get a short grace period; then remaining sockets are cut.
      const forceClose = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      await closed;
      clearTimeout(forceClose);
      log.info("cost exporter stopped");
    },
  };
}

function liveCarbonFor(options: ExporterOptions): LiveCarbonIntensity | undefined {
  const config = options.settings.costExporter.liveCarbonIntensity;
  if (!config.enabled) return undefined;
  return new LiveCarbonIntensity(
    { url: config.url, tokenFile: options.carbonTokenFile, timeoutMs: config.timeoutMs, cacheTtlSeconds: config.cacheTtlSeconds },
    options.log,
  );
}
