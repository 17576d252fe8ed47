import { describe, expect, it } from "vitest";
import { dataPanels, renderedDashboards, repositoryEnvironments, type DashboardJson } from "./dashboard-model.js";

/** The SLO dashboard's panels, and its row titles, of one repository environment. */
function sloDashboard(name: string): { rows: string[]; titles: string[]; panels: ReturnType<typeof dataPanels> } {
  const environment = repositoryEnvironments().find((e) => e.name === name)!;
  const model = renderedDashboards(environment).find(({ model }) => model.uid === "nfops-slo")!.model as DashboardJson;
  return { rows: model.panels.filter((p) => p.type === "row").map((p) => p.title ?? ""), titles: dataPanels(model).map((p) => p.title ?? ""), panels: dataPanels(model) };
}

describe("SLO dashboard rows follow the indicators the SLOs declare", () => {
  it("GIVEN stacks/llm.yaml (ttft and inter-token SLOs) THEN a burn-rate panel per indicator and a row comparing each token indicator with its objective", () => {
    const { rows, titles, panels } = sloDashboard("llm");
    expect(titles.filter((t) => t.startsWith("Burn rate by window"))).toEqual([
      "Burn rate by window: availability",
      "Burn rate by window: latency",
      "Burn rate by window: time-to-first-token",
      "Burn rate by window: inter-token latency",
    ]);
    expect(rows).toContain("Time to first token and inter-token latency");
    const ttft = panels.find((p) => p.title === "Within the threshold: time-to-first-token")!;
    expect(ttft.targets?.map((t) => t.expr)).toEqual([
      '1 - slo:nf_sli_error:ratio_rate5m{slo=~"$slo", sli="ttft"}',
      '1 - slo:nf_sli_error:ratio_rate1h{slo=~"$slo", sli="ttft"}',
      'slo:nf_objective:ratio{slo=~"$slo", sli="ttft"}',
    ]);
  });

  it("GIVEN the default environment (no slos) THEN only availability and latency, and no token row", () => {
    const { rows, titles } = sloDashboard("default");
    expect(titles.filter((t) => t.startsWith("Burn rate by window"))).toEqual(["Burn rate by window: availability", "Burn rate by window: latency"]);
    expect(rows).not.toContain("Time to first token and inter-token latency");
  });
});
