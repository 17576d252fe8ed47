import { watch, type FSWatcher } from "node:fs";
import type { Logger } from "./logger.js";

export interface PricingWatcherOptions {
  readonly pricingDir: string;
  /** Period of the backup check; ConfigMap updates swap a `..data` symlink, which a watch can miss. */
  readonly checkIntervalMs: number;
  /** Quiet time after the last file event before checking, so a burst of events is one check. */
  readonly debounceMs?: number;
  readonly onCheck: () => void;
  readonly log: Logger;
}

export interface PricingWatcher {
  close(): void;
}

/** Calls `onCheck` shortly after any change in the pricing directory and every `checkIntervalMs`. */
export function watchPricingDir(options: PricingWatcherOptions): PricingWatcher {
  const { pricingDir, log } = options;
  const debounceMs = options.debounceMs ?? 200;
  const check = () => {
    try {
      options.onCheck();
    } catch (error) {
      log.error({ err: error, pricingDir }, "pricing check failed");
    }
  };

  let debounce: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(pricingDir, { persistent: false }, () => {
      clearTimeout(debounce);
      debounce = setTimeout(check, debounceMs);
      debounce.unref();
    });
    watcher.on("error", (error) => {
      log.warn({ err: error, pricingDir }, "pricing directory watch failed; relying on the periodic check");
      watcher?.close();
    });
  } catch (error) {
    log.warn({ err: error, pricingDir }, "cannot watch the pricing directory; relying on the periodic check");
  }
  const periodic = setInterval(check, options.checkIntervalMs);
  periodic.unref();

  return {
    close() {
      watcher?.close();
      clearTimeout(debounce);
      clearInterval(periodic);
    },
  };
}
