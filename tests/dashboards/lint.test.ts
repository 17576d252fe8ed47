import { describe, expect, it } from "vitest";
import { MAX_UID_LENGTH } from "../../dashboards/render.js";
import { COMPONENTS } from "../../src/components/component-table.js";
import { PACK_NAMES } from "../../src/packs/registry.js";
import { packContext } from "../helpers/packs.js";
import { dataPanels, everyPackEnvironment, queriesOf, renderedDashboards, repositoryEnvironments, type PanelJson } from "./dashboard-model.js";

// Every pack selected: opt-in packs' dashboards are linted too.
const environment = everyPackEnvironment();
const dashboards = renderedDashboards(environment);
const each = dashboards.map(({ model }) => [model.uid, model] as const);

const DATASOURCE_VARIABLE_OF = { prometheus: "datasource", loki: "loki_datasource", tempo: "tempo_datasource" } as const;

function overlaps(a: PanelJson["gridPos"], b: PanelJson["gridPos"]): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe("dashboard lint (Grafana dashboard-linter equivalents)", () => {
  it("GIVEN every pack WHEN building THEN the dashboards come in a stable order (the selected packs' in registry order, then the packs components bring in table order) with unique uids of at most 40 characters", () => {
    const uids = dashboards.map((d) => d.file.uid);
    // Derived from the registry and the component table, so a new pack needs no line here.
    const context = packContext(environment);
    const deployed = new Set(context.stack.deployed.map((component) => component.key));
    const brought = COMPONENTS.filter((component) => deployed.has(component.key)).flatMap((component) => component.pack?.name ?? []);
    expect(context.packs.map((pack) => pack.name)).toEqual([...PACK_NAMES, ...brought]);
    const uidsOfPack = context.packs.map((pack) => pack.dashboards(context).map((builder) => builder.build().uid));
    expect(uids).toEqual(uidsOfPack.flat());
    expect(uidsOfPack[0]).toHaveLength(6);
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of uids) expect(uid.length).toBeLessThanOrEqual(MAX_UID_LENGTH);
    for (const { file, model } of dashboards) expect(model.uid).toBe(file.uid);
  });

  it("GIVEN every pack WHEN reading the uids THEN each follows the one style: nfops-<topic> for the core pack's, nfops-<pack>[-<topic>] for another pack's", () => {
    const context = packContext(environment);
    const others = context.packs.filter((pack) => pack.name !== "core").map((pack) => pack.name);
    const astray = context.packs.flatMap((pack) =>
      pack.dashboards(context).flatMap((builder) => {
        const uid = builder.build().uid ?? "";
        const follows =
          pack.name === "core"
            ? /^nfops-[a-z0-9-]+$/.test(uid) && !others.some((name) => uid === `nfops-${name}` || uid.startsWith(`nfops-${name}-`))
            : uid === `nfops-${pack.name}` || new RegExp(`^nfops-${pack.name}-[a-z0-9-]+$`).test(uid);
        return follows ? [] : [`${pack.name}: ${uid}`];
      }),
    );
    expect(astray).toEqual([]);
  });

  it.each(each)("GIVEN %s WHEN read THEN it is read-only with a title, a description and the nfops tag", (_uid, model) => {
    expect(model.editable).toBe(false);
    expect(model.title).toMatch(/^nfops \/ /);
    expect(model.description?.length).toBeGreaterThan(20);
  });

  it.each(each)("GIVEN %s WHEN reading every panel THEN each has a title, a description and a unit", (_uid, model) => {
    const missing = dataPanels(model).flatMap((panel) => [
      ...(panel.title ? [] : [`panel ${panel.id} has no title`]),
      ...(panel.description && panel.description.length > 10 ? [] : [`${panel.title} has no description`]),
      ...(panel.fieldConfig?.defaults?.unit ? [] : [`${panel.title} has no unit`]),
    ]);
    expect(missing).toEqual([]);
    for (const row of model.panels.filter((p) => p.type === "row")) expect(row.title).toBeTruthy();
  });

  it.each(each)("GIVEN %s WHEN reading every target THEN it and its panel use a datasource variable of its type, declared by the dashboard", (_uid, model) => {
    const declared = new Map(model.templating.list.filter((v) => v.type === "datasource").map((v) => [v.name, v.query]));
    const problems: string[] = [];
    for (const panel of dataPanels(model)) {
      for (const target of panel.targets ?? []) {
        const type = target.datasource?.type as keyof typeof DATASOURCE_VARIABLE_OF | undefined;
        const variable = type ? DATASOURCE_VARIABLE_OF[type] : undefined;
        if (!variable) problems.push(`${panel.title}: target datasource type ${type}`);
        else if (target.datasource?.uid !== `\${${variable}}`) problems.push(`${panel.title}: target uid ${target.datasource?.uid}`);
        else if (declared.get(variable) !== type) problems.push(`${panel.title}: variable ${variable} not declared as ${type}`);
        if (JSON.stringify(panel.datasource) !== JSON.stringify(target.datasource)) problems.push(`${panel.title}: panel datasource differs`);
      }
    }
    expect(problems).toEqual([]);
    // Every declared datasource variable is used: no dead selector on the dashboard.
    const used = new Set(dataPanels(model).flatMap((p) => (p.targets ?? []).map((t) => t.datasource?.uid)));
    for (const name of declared.keys()) expect(used).toContain(`\${${name}}`);
  });

  it.each(each)("GIVEN %s WHEN reading its query variables THEN they use the datasource variable and refresh on time range change", (_uid, model) => {
    const variables = model.templating.list.filter((v) => v.type === "query");
    for (const variable of variables) {
      expect(variable.datasource?.uid, variable.name).toBe("${datasource}");
      expect(variable.refresh, variable.name).toBe(2);
    }
    const names = model.templating.list.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    const declared = new Set(names);
    const referenced = queriesOf(model).flatMap((q) => [...q.expr.matchAll(/\$\{?([a-z]\w*)\}?/g)].map((m) => m[1] as string));
    for (const name of referenced) expect(declared, `$${name} is not a variable`).toContain(name);
  });

  it.each(each)("GIVEN %s WHEN reading panel ids and refIds THEN ids are unique and 1..n in layout order, refIds unique per panel", (_uid, model) => {
    const ids = model.panels.flatMap((p) => [p.id, ...(p.panels ?? []).map((n) => n.id)]);
    expect(ids).toEqual(ids.map((_id, index) => index + 1));
    for (const panel of dataPanels(model)) {
      const refIds = (panel.targets ?? []).map((t) => t.refId);
      expect(refIds.every(Boolean), panel.title).toBe(true);
      expect(new Set(refIds).size, panel.title).toBe(refIds.length);
    }
  });

  it.each(each)("GIVEN %s WHEN laying out THEN panels fit the 24-column grid without overlapping and rows hold no hidden panels", (_uid, model) => {
    const placed = model.panels;
    const problems: string[] = [];
    placed.forEach((a, i) => {
      if (a.gridPos.x < 0 || a.gridPos.w <= 0 || a.gridPos.h <= 0 || a.gridPos.x + a.gridPos.w > 24) problems.push(`${a.title} outside the grid`);
      placed.slice(i + 1).forEach((b) => {
        if (overlaps(a.gridPos, b.gridPos)) problems.push(`${a.title} overlaps ${b.title}`);
      });
    });
    expect(problems).toEqual([]);
    for (const row of placed.filter((p) => p.type === "row")) {
      expect(row.collapsed).toBe(false);
      expect(row.panels ?? []).toEqual([]);
    }
  });

  it("GIVEN two overlapping grid positions WHEN checked THEN the overlap test sees them (and not adjacent ones)", () => {
    expect(overlaps({ x: 0, y: 0, w: 12, h: 8 }, { x: 11, y: 7, w: 4, h: 4 })).toBe(true);
    expect(overlaps({ x: 0, y: 0, w: 12, h: 8 }, { x: 12, y: 0, w: 12, h: 8 })).toBe(false);
  });

  it("GIVEN every environment of the repository WHEN building twice THEN the output is byte-identical", () => {
    for (const environment of repositoryEnvironments()) {
      const first = renderedDashboards(environment).map((d) => d.file.json);
      const second = renderedDashboards(environment).map((d) => d.file.json);
      expect(second).toEqual(first);
    }
  });
});
