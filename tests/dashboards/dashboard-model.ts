import type { Environment } from "../../src/config/environment-schema.js";
import { loadEnvironments } from "../../src/config/load-environments.js";
import { loadPricing } from "../../src/config/load-pricing.js";
import { projectPaths } from "../../src/config/project-paths.js";
import { PACK_NAMES } from "../../src/packs/registry.js";
import { artifactsOf } from "../helpers/packs.js";

/** The parts of the rendered dashboard JSON the tests read. */
export interface TargetJson {
  refId?: string;
  expr?: string;
  /** TraceQL of a Tempo search. */
  query?: string;
  datasource?: { type?: string; uid?: string };
  format?: string;
}

export interface PanelJson {
  id?: number;
  type: string;
  title?: string;
  description?: string;
  datasource?: { type?: string; uid?: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: TargetJson[];
  panels?: PanelJson[];
  collapsed?: boolean;
  transformations?: { id: string; options: Record<string, unknown> }[];
  fieldConfig?: { defaults?: { unit?: string; thresholds?: { steps: { value: number | null; color: string }[] } } };
}

export interface VariableJson {
  type: string;
  name: string;
  query?: unknown;
  datasource?: { type?: string; uid?: string };
  refresh?: number;
}

export interface DashboardJson {
  uid: string;
  title: string;
  description?: string;
  editable: boolean;
  panels: PanelJson[];
  templating: { list: VariableJson[] };
}

export interface RenderedDashboard {
  readonly file: { uid: string; title: string; json: string };
  readonly model: DashboardJson;
}

/** The environments of this repository (the embedded default and every `stacks/*.yaml`). */
export function repositoryEnvironments(): Environment[] {
  const paths = projectPaths();
  return loadEnvironments(paths, loadPricing(paths));
}

export function defaultEnvironment(): Environment {
  const environment = repositoryEnvironments().find((e) => e.name === "default");
  if (!environment) throw new Error("no default environment");
  return environment;
}

/** The default environment with every pack of the registry selected, so that every pack's dashboards are checked. */
export function everyPackEnvironment(): Environment {
  const environment = defaultEnvironment();
  return { ...environment, settings: { ...environment.settings, packs: [...PACK_NAMES] } };
}

/** `environment` with some settings replaced (deep merge of one level of sections). */
export function withSettings(environment: Environment, changes: Record<string, Record<string, unknown>>): Environment {
  const settings = structuredClone(environment.settings) as unknown as Record<string, Record<string, unknown>>;
  for (const [section, values] of Object.entries(changes)) settings[section] = { ...settings[section], ...values };
  return { ...environment, settings: settings as unknown as Environment["settings"] };
}

export function renderedDashboards(environment: Environment): RenderedDashboard[] {
  return artifactsOf(environment).dashboards.map((file) => ({ file, model: JSON.parse(file.json) as DashboardJson }));
}

/** Panels that show data (rows excluded), nested ones included. */
export function dataPanels(dashboard: DashboardJson): PanelJson[] {
  const all = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
  return all.filter((panel) => panel.type !== "row");
}

export interface QueryRef {
  readonly dashboard: string;
  readonly panel: string;
  readonly language: "promql" | "logql" | "traceql";
  readonly expr: string;
}

/** Every query of a dashboard: panel targets and query-variable definitions. */
/** The query language of each datasource type's targets (Tempo searches are TraceQL, in `query`). */
const LANGUAGE_OF: Readonly<Record<string, QueryRef["language"]>> = { prometheus: "promql", loki: "logql", tempo: "traceql" };

export function queriesOf(dashboard: DashboardJson): QueryRef[] {
  const fromPanels = dataPanels(dashboard).flatMap((panel) =>
    (panel.targets ?? []).map((target): QueryRef => ({
      dashboard: dashboard.uid,
      panel: panel.title ?? "",
      language: LANGUAGE_OF[target.datasource?.type ?? "prometheus"] ?? "promql",
      expr: target.expr ?? target.query ?? "",
    })),
  );
  const fromVariables = dashboard.templating.list
    .filter((variable) => variable.type === "query" && typeof variable.query === "string")
    .map((variable): QueryRef => {
      // `label_values(<series selector>, <label>)` is Grafana's, not PromQL; its selector is.
      const match = /^label_values\((.*),\s*\w+\)$/.exec(variable.query as string);
      return { dashboard: dashboard.uid, panel: `$${variable.name}`, language: "promql", expr: match?.[1] ?? (variable.query as string) };
    });
  return [...fromPanels, ...fromVariables];
}
