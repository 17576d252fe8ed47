import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ConfigError, type ConfigProblem } from "../config/errors.js";
import { loadPricing, PRICING_FILES } from "../config/load-pricing.js";
import type { Pricing } from "../config/pricing-schema.js";
import type { Logger } from "./logger.js";

/** A validated pricing snapshot and where it came from. */
export interface LoadedPricing {
  readonly pricing: Pricing;
  /** First 12 hex digits of the SHA-256 of the pricing files: which version is served. */
  readonly sha256: string;
  /** When this snapshot was loaded, Unix seconds. */
  readonly loadedAtSeconds: number;
}

export type ReloadOutcome = "unchanged" | "reloaded" | "rejected";

/**
 * Holds the pricing the exporter serves. A new version of the files replaces it only when it is
 * valid; an invalid one is rejected, counted and logged with file, path and value, and the last
 * good pricing keeps being served (a bad ConfigMap edit must not blank cost dashboards).
 */
export class PricingStore {
  #current: LoadedPricing;
  #reloadErrors = 0;
  /** Digest of the files as last attempted, valid or not, so one bad version is reported once. */
  #lastAttemptedDigest: string;

  private constructor(
    private readonly pricingDir: string,
    private readonly log: Logger,
    private readonly nowMs: () => number,
    initial: LoadedPricing,
  ) {
    this.#current = initial;
    this.#lastAttemptedDigest = initial.sha256;
  }

  /** Loads the pricing of `pricingDir`; throws ConfigError (file, path, value) when it is missing or invalid. */
  static open(pricingDir: string, log: Logger, nowMs: () => number = Date.now): PricingStore {
    const dir = resolve(pricingDir);
    const digest = pricingDigest(dir);
    return new PricingStore(dir, log, nowMs, { pricing: load(dir), sha256: digest, loadedAtSeconds: nowMs() / 1000 });
  }

  get current(): LoadedPricing {
    return this.#current;
  }

  /** Pricing versions rejected as invalid since start. */
  get reloadErrors(): number {
    return this.#reloadErrors;
  }

  /** Reloads when the files changed since the last attempt. Never throws on bad input. */
  check(): ReloadOutcome {
    const digest = pricingDigest(this.pricingDir);
    if (digest === this.#lastAttemptedDigest) return "unchanged";
    this.#lastAttemptedDigest = digest;
    try {
      this.#current = { pricing: load(this.pricingDir), sha256: digest, loadedAtSeconds: this.nowMs() / 1000 };
      this.log.info({ pricingDir: this.pricingDir, sha256: digest }, "pricing reloaded");
      return "reloaded";
    } catch (error) {
      // Every rejected version counts, whatever rejected it: CostExporterReloadFailing must see it.
      this.#reloadErrors += 1;
      const problems = error instanceof ConfigError ? error.problems.map(shortValue) : undefined;
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(
        { pricingDir: this.pricingDir, rejectedSha256: digest, servingSha256: this.#current.sha256, problems },
        `pricing reload rejected, keeping the last good pricing: ${message}`,
      );
      return "rejected";
    }
  }
}

/** Longest value a log record quotes: a rejected document's values are foreign content, shown enough to be found. */
const MAX_LOGGED_VALUE_CHARS = 80;

function shortValue(problem: ConfigProblem): ConfigProblem {
  const text = JSON.stringify(problem.value);
  if (text === undefined || text.length <= MAX_LOGGED_VALUE_CHARS) return problem;
  return { ...problem, value: `${text.slice(0, MAX_LOGGED_VALUE_CHARS - 3)}...` };
}

function load(pricingDir: string): Pricing {
  // File names in messages are shown relative to the directory above, e.g. `pricing/gpu.yaml:4:3`.
  return loadPricing({ root: dirname(pricingDir), pricingDir });
}

/**
 * Digest of the files' bytes; a missing, unreadable or non-regular file (a FIFO would block the
 * read) hashes as a marker so its return is noticed. `llm.yaml` may be missing for good: its
 * marker is as stable as its bytes, and adding or removing it changes the digest and reloads.
 */
function pricingDigest(pricingDir: string): string {
  const hash = createHash("sha256");
  for (const name of PRICING_FILES) {
    hash.update(name).update("\0");
    try {
      const path = join(pricingDir, name);
      if (!statSync(path).isFile()) throw new Error("not a regular file");
      hash.update(readFileSync(path));
    } catch {
      hash.update("\0unreadable\0");
    }
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 12);
}
