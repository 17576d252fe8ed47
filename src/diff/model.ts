/** The generated files of one side of a diff: forward-slash paths relative to `dist/`, with their text. */
export type OutputTree = ReadonlyMap<string, string>;

/** A grid position in Grafana units (24 columns). */
export interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** One difference of an entry, as a reader says it: `field: old → new` or a short sentence. */
export interface FieldChange {
  readonly field: string;
  readonly before?: string;
  readonly after?: string;
  /** Word-level rendering of a long value (`[-old-]{+new+}`), when that says more than old → new. */
  readonly tokens?: string;
}

export type ChangeKind = "added" | "removed" | "changed";

export interface PanelChange {
  readonly kind: ChangeKind | "moved";
  /** Stable key: row title and panel title (`Row / Panel`). */
  readonly key: string;
  /** The key on the head side when it differs (a retitled panel). */
  readonly newKey?: string;
  readonly type: string;
  readonly before?: GridPos;
  readonly after?: GridPos;
  readonly changes: readonly FieldChange[];
}

export interface DashboardChange {
  readonly kind: ChangeKind;
  readonly uid: string;
  readonly title: string;
  /** Dashboard-level fields: title (a rename), description, tags, variables, links, settings. */
  readonly changes: readonly FieldChange[];
  readonly panels: readonly PanelChange[];
  /** Panel counts of an added or removed dashboard. */
  readonly panelCount?: number;
}

export interface RuleChange {
  /** `formatting`: only the expression's text changed, not its PromQL parse tree; nothing else of the rule. */
  readonly kind: ChangeKind | "formatting";
  readonly rule: "alert" | "record";
  readonly name: string;
  /** Rule file and group, `slo.yaml / nfops-slo`. */
  readonly group: string;
  readonly changes: readonly FieldChange[];
}

export interface ObjectChange {
  readonly kind: ChangeKind;
  /** `Kind namespace/name`. */
  readonly object: string;
  readonly changes: readonly FieldChange[];
  /** Workloads whose checksum annotation this change rolls (folded here instead of listed apart). */
  readonly rolls: readonly string[];
}

export interface EnvironmentCounts {
  readonly dashboards: number;
  readonly panels: number;
  /** Alerts and recording rules that changed in substance; those changed in formatting only are `formattingOnly`. */
  readonly alerts: number;
  readonly records: number;
  readonly objects: number;
  /** Rules whose only change is the formatting of their expression (same PromQL parse tree). */
  readonly formattingOnly: number;
}

export interface EnvironmentDiff {
  readonly name: string;
  /** `added`/`removed`: the environment exists on one side only; its contents are counted, not listed. */
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly counts: EnvironmentCounts;
  readonly dashboards: readonly DashboardChange[];
  readonly rules: readonly RuleChange[];
  readonly objects: readonly ObjectChange[];
}

export interface TreeDiff {
  readonly base: string;
  readonly head: string;
  /** The environments with a change, in name order. */
  readonly environments: readonly EnvironmentDiff[];
  /** The environments compared that did not change. */
  readonly unchanged: readonly string[];
  readonly total: EnvironmentCounts;
}
