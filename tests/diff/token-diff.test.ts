import { describe, expect, it } from "vitest";
import { diffTokens, numberChanges, renderTokenDiff } from "../../src/diff/token-diff.js";

describe("token diff", () => {
  it("GIVEN a threshold changed THEN the number pair is found and the word diff marks only it", () => {
    const before = 'max by (node, gpu) (DCGM_FI_DEV_GPU_TEMP{job="dcgm-exporter"}) > 85';
    const after = 'max by (node, gpu) (DCGM_FI_DEV_GPU_TEMP{job="dcgm-exporter"}) > 90';
    expect(numberChanges(before, after)).toEqual([["85", "90"]]);
    expect(renderTokenDiff(before, after)).toBe('…_TEMP{job="dcgm-exporter"}) > [-85-]{+90+}');
  });

  it("GIVEN a label matcher and a function changed THEN both are marked, whole tokens only, and no number pair is claimed", () => {
    const before = 'sum(rate(x_total{job="a"}[5m]))';
    const after = 'avg(rate(x_total{job="b"}[5m]))';
    expect(renderTokenDiff(before, after)).toBe('[-sum-]{+avg+}(rate(x_total{job=[-"a"-]{+"b"+}}[5m]))');
    expect(numberChanges(before, after)).toBeUndefined();
  });

  it("GIVEN whitespace only THEN the rendered diff shows no change, since whitespace is collapsed first", () => {
    expect(renderTokenDiff("sum(x)\n  > 1", "sum(x) > 1")).toBe("sum(x) > 1");
    expect(numberChanges("a > 1", "a  >  1")).toBeUndefined();
  });

  it("GIVEN the edit script THEN joining its same and removed parts gives the old text, same and added the new", () => {
    const before = 'histogram_quantile(0.95, sum by (le) (rate(nf_infer_latency_ms_bucket{namespace="ml"}[5m])))';
    const after = 'histogram_quantile(0.99, sum by (le, service) (rate(nf_infer_latency_ms_bucket[10m])))';
    const edits = diffTokens(before, after);
    expect(edits.filter((e) => e.op !== "added").map((e) => e.text).join("")).toBe(before);
    expect(edits.filter((e) => e.op !== "removed").map((e) => e.text).join("")).toBe(after);
    expect(edits.every((e, i) => i === 0 || e.op !== edits[i - 1]!.op)).toBe(true);
  });

  it("GIVEN two long texts with nothing in common THEN the diff gives up searching and shows one replacement", () => {
    const before = Array.from({ length: 400 }, (_, i) => `a${i}`).join(" + ");
    const after = Array.from({ length: 400 }, (_, i) => `b${i}`).join(" * ");
    expect(diffTokens(before, after)).toEqual([
      { op: "removed", text: before },
      { op: "added", text: after },
    ]);
  });
});
