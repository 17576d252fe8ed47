import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LiveCarbonIntensity, type LiveCarbonIntensityOptions } from "../../src/exporter/live-carbon-intensity.js";
import { captureLogger } from "./capture-logger.js";
import { hang, json, startFakeProvider, text, type FakeProvider } from "./fake-carbon-provider.js";

let provider: FakeProvider;
let live: LiveCarbonIntensity | undefined;
beforeEach(async () => {
  provider = await startFakeProvider();
});
afterEach(async () => {
  live?.close();
  await provider.close();
});

function create(options: Partial<LiveCarbonIntensityOptions> = {}, nowMs: () => number = Date.now) {
  const { log, records } = captureLogger();
  live = new LiveCarbonIntensity({ url: provider.url, timeoutMs: 300, cacheTtlSeconds: 60, ...options }, log, nowMs);
  return { live, records };
}

describe("LiveCarbonIntensity", () => {
  it("GIVEN a provider and a token file WHEN refreshed THEN the region is put in the URL, the bearer token sent and the value served", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nfops-token-"));
    try {
      writeFileSync(join(dir, "token"), "s3cret\n");
      provider.respond = json({ carbonIntensity: 212.5 });
      const { live } = create({ tokenFile: join(dir, "token") });
      expect(live.valueFor("eu-west-3")).toBeUndefined(); // first scrape: nothing cached yet, static figure applies
      await live.refresh("eu-west-3");
      expect(live.valueFor("eu-west-3")).toBe(212.5);
      expect(provider.requests).toEqual([{ path: "/v1/intensity/eu-west-3", authorization: "Bearer s3cret" }]);
      expect(live.errors).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("GIVEN a cached answer WHEN asked within the TTL THEN the provider is not asked again; after the TTL it is", async () => {
    let nowMs = 1_000_000;
    provider.respond = json({ carbonIntensity: 50 });
    const { live } = create({ cacheTtlSeconds: 60 }, () => nowMs);
    await live.refresh("r1");
    nowMs += 59_999;
    expect(live.valueFor("r1")).toBe(50);
    expect(provider.requests).toHaveLength(1);

    provider.respond = json({ carbonIntensity: 70 });
    nowMs += 1;
    expect(live.valueFor("r1")).toBe(50); // the stale answer is served while the refresh runs
    await live.refresh("r1"); // joins the refresh in flight
    expect(provider.requests).toHaveLength(2);
    expect(live.valueFor("r1")).toBe(70);
  });

  it.each([
    { case: "HTTP 503", respond: json({ error: "down" }, 503), reason: /HTTP 503/ },
    { case: "a missing field", respond: json({ intensity: 5 }), reason: /no non-negative number "carbonIntensity" \(value: undefined\)/ },
    { case: "a negative value", respond: json({ carbonIntensity: -1 }), reason: /\(value: -1\)/ },
    { case: "a string value", respond: json({ carbonIntensity: "300" }), reason: /\(value: "300"\)/ },
    { case: "not JSON", respond: text("<html>"), reason: /JSON/ },
  ])("GIVEN a provider answering $case WHEN refreshed THEN the static figure applies and the error is counted and logged", async ({ respond, reason }) => {
    provider.respond = json({ carbonIntensity: 80 });
    let nowMs = 0;
    const { live, records } = create({ cacheTtlSeconds: 1 }, () => nowMs);
    await live.refresh("r1");
    expect(live.valueFor("r1")).toBe(80);

    provider.respond = respond;
    nowMs += 1_000;
    await live.refresh("r1");
    expect(live.valueFor("r1")).toBeUndefined();
    expect(live.errors).toBe(1);
    const warning = records.find((r) => r.msg === "live carbon intensity unavailable; publishing the static figure");
    expect(warning?.region).toBe("r1");
    expect(String(warning?.err)).toMatch(reason);
  });

  it("GIVEN a hung provider WHEN scraped THEN valueFor answers at once and the request gives up at the timeout", async () => {
    provider.respond = hang();
    const { live } = create({ timeoutMs: 200 });
    expect(live.valueFor("r1")).toBeUndefined(); // returns synchronously; the refresh runs in the background
    await live.refresh("r1"); // the background request, which the timeout ends
    expect(live.errors).toBe(1);
    expect(live.valueFor("r1")).toBeUndefined();
    expect(provider.requests).toHaveLength(1); // the TTL also paces retries
  });

  it("GIVEN a missing token file WHEN refreshed THEN it counts as a provider error and the provider is not asked", async () => {
    const { live, records } = create({ tokenFile: "/nonexistent/nfops/token" });
    await live.refresh("r1");
    expect(live.errors).toBe(1);
    expect(provider.requests).toHaveLength(0);
    expect(String(records.at(-1)?.err)).toContain("/nonexistent/nfops/token");
  });

  it.each([
    ["a newline inside", "abc-SECRET-part\ninjected: header"],
    ["a NUL byte", "abc-SECRET-part\u0000tail"],
    ["a space", "abc SECRET-part"],
  ])("GIVEN a token file with %s WHEN refreshed THEN the provider is not asked and neither the log nor the error holds the token", async (_what, token) => {
    const dir = mkdtempSync(join(tmpdir(), "nfops-token-"));
    try {
      writeFileSync(join(dir, "token"), token);
      const { live, records } = create({ tokenFile: join(dir, "token") });
      await live.refresh("r1");
      expect(live.errors).toBe(1);
      expect(provider.requests).toHaveLength(0);
      const logged = JSON.stringify(records);
      expect(logged).toContain("bearer token");
      expect(logged).not.toContain("SECRET");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("GIVEN a request in flight WHEN closed THEN it is aborted without counting an error", async () => {
    provider.respond = hang();
    const { live } = create({ timeoutMs: 10_000 });
    const refreshing = live.refresh("r1");
    while (provider.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    live.close();
    await refreshing;
    expect(live.errors).toBe(0);
  });
});
