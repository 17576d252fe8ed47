import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { diffDashboard } from "../../src/diff/dashboard-diff.js";
import { HIGHLIGHT, layoutSvg } from "../../src/diff/layout-svg.js";

/** Debian's chromium (.ci/run installs it); playwright-core downloads no browser of its own. */
function chromiumPath(): string {
  try {
    return execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("chromium is not installed (Debian package chromium; .ci/run installs it)");
  }
}

const overview = () => JSON.parse(readFileSync(join(repositoryRoot, "dist", "default", "dashboards", "nfops-overview.json"), "utf8")) as { panels: Array<Record<string, unknown>> };

/** The overview with "Fullest filesystem" moved to the end of the "Firing alerts" row. */
function movedPanelSvg(): string {
  const old = overview();
  const now = overview();
  now.panels.find((p) => p.title === "Fullest filesystem")!.gridPos = { h: 8, w: 6, x: 18, y: 52 };
  const change = diffDashboard("nfops-overview", old, now)!;
  expect(change.panels.map((p) => p.kind)).toEqual(["moved"]);
  return layoutSvg(change, old, now);
}

describe("layout pictures render in headless Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox"] });
  });
  afterAll(async () => browser?.close());

  it("GIVEN a moved panel THEN the screenshot is not blank and the panel is highlighted on both sides", async () => {
    const svg = movedPanelSvg();
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    const highlighted = await page.$$eval('[data-change="moved"]', (groups) => groups.map((g) => [g.closest("[data-side]")?.getAttribute("data-side"), g.getAttribute("data-key")]));
    expect(highlighted).toEqual([
      ["before", "System resources / Fullest filesystem"],
      ["after", "System resources / Fullest filesystem"],
    ]);
    const screenshot = await page.locator("svg").screenshot();
    expect(screenshot.length).toBeGreaterThan(5_000);

    // Rasterised by Chromium itself: pixels of the highlight colour exist.
    const amber = HIGHLIGHT.moved.fill;
    // A string, so that this file needs no DOM types: it runs in the page, not in Node.
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(amber.slice(i, i + 2), 16));
    const pixels = await page.evaluate<number>(`(async () => {
      const image = new Image();
      image.src = "data:image/svg+xml;base64," + ${JSON.stringify(Buffer.from(svg).toString("base64"))};
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d");
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] === ${r} && data[i + 1] === ${g} && data[i + 2] === ${b}) count++;
      return count;
    })()`);
    // Two 6×8 boxes (120 × 176 px each, less the border): thousands of pixels, not a stray one.
    expect(pixels).toBeGreaterThan(2 * 100 * 150);
    await page.close();
  });
});
