import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import type { DashboardBuilder, Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Construct } from "constructs";
import type { InputProducer } from "../catalog/input-contracts.js";
import type { MetricEntry } from "../catalog/types.js";
import type { ComponentKey, Environment, EnvironmentSettings } from "../config/environment-schema.js";
import type { SettingsProblem } from "../config/load-environments.js";
import type { Pricing } from "../config/pricing-schema.js";
import type { Artifacts, Inhibition, Rule, RuleFile } from "./artifacts.js";
import type { Relabel, ScrapeConfig } from "./scrape-config.js";

/*
 * The types the generator's layers hand each other, in one file because they refer to each other:
 * a component may bring a pack, a pack reads the stack plan, the plan lists the components.
 * Components are defined in `src/components/`, packs in `src/packs/`, the plan is built by
 * `planStack` (`stack-plan.ts`).
 */

export type { ComponentKey };

export type Profile = EnvironmentSettings["profile"];

/**
 * Who may open connections to a component: another component, the pods of the stack's namespace,
 * the pods of named namespaces, any pod of any namespace, or anyone.
 */
export type IngressPeer =
  | { readonly component: ComponentKey }
  | { readonly namespaces: readonly string[] }
  | "same-namespace"
  | "any-namespace"
  | "anywhere";

/**
 * Peers outside the stack's components. A connection from another component of the stack is
 * declared by the sender (`sendsTo`), never by the receiver.
 */
export type ExternalPeer = Exclude<IngressPeer, { readonly component: ComponentKey }>;

/** Connections a component accepts from outside the stack's components. */
export interface IngressRule {
  readonly from: ExternalPeer;
  /**
   * Ports the peer may reach.
   * @default the component's HTTP port
   */
  readonly ports?: readonly number[];
  /**
   * Protocols of those ports (gossip uses both).
   * @default ["TCP"]
   */
  readonly protocols?: readonly Protocol[];
}

/**
 * Connections a component opens to another component of the stack (or to its own replicas),
 * declared by the sender: the receiver's ingress (and the sender's egress) follow from it. Every
 * Service a component's configuration names is backed by one (`tests/stack/flows.test.ts`).
 */
export interface OutgoingFlow {
  readonly to: ComponentKey;
  /**
   * Ports of the receiver it reaches.
   * @default the receiver's HTTP port
   */
  readonly ports?: readonly number[];
  /**
   * Protocols of those ports.
   * @default ["TCP"]
   */
  readonly protocols?: readonly Protocol[];
}

/** Transport protocol of a port a NetworkPolicy opens. */
export type Protocol = "TCP" | "UDP";

/**
 * Where a component may open connections besides the components whose `ingress` admits it (derived)
 * and DNS (every pod): the Kubernetes API server, or any address (scrapers, probers, receivers).
 */
export type EgressPeer = "kube-apiserver" | "anywhere";

/** Connections a component opens. */
export interface EgressRule {
  readonly to: EgressPeer;
  /**
   * TCP ports it may reach.
   * @default every port
   */
  readonly ports?: readonly number[];
}

/** A value of a definition that may depend on the environment's settings. */
export type BySettings<T> = T | ((settings: EnvironmentSettings) => T);

/**
 * Everything the stack derives from one component, declared in one place (the component's own
 * file): the scrape configuration (standalone) and ServiceMonitor (operator), NetworkPolicies,
 * the platform alerts that watch it, its image, its chart, and its construct. The rest of the
 * stack asks the `StackPlan` built from these, never a list of its own.
 */
export interface ComponentDefinition<K extends ComponentKey = ComponentKey> {
  /** Toggle in `components` and key in `images`. */
  readonly key: K;
  /** Object and Service name, `app.kubernetes.io/name`, and the Prometheus `job` label of its targets. */
  readonly name: string;
  /** Chart id: its objects are written to `dist/<env>/manifests/<chart>/`. Renaming it moves files. */
  readonly chart: string;
  /** Pinned default image; `images.<key>` overrides it. Bump it here, synth, review the diff. */
  readonly image: string;
  /** Profiles that deploy it when it is enabled; the operator profile adds only what kube-prometheus-stack lacks. */
  readonly profiles: readonly Profile[];
  /**
   * A further condition on the settings, for a component that another setting replaces (the
   * GPU Operator's dcgm-exporter instead of this stack's, say).
   * @default always
   */
  readonly deployedWhen?: (settings: EnvironmentSettings) => boolean;
  /**
   * Whether it is enabled when its toggle in `components` is left out (a toggle without a schema
   * default, for a component that follows a pack).
   * @default true, leaving it to `deployedWhen`
   */
  readonly enabledByDefault?: (settings: EnvironmentSettings) => boolean;
  /** HTTP port: `/metrics`, and the API for servers. Its Service and container port are named `http-metrics`. */
  readonly port: BySettings<number>;
  /**
   * Pods share the node's network namespace, which NetworkPolicies do not govern, so no policy is made for it.
   * @default false
   */
  readonly hostNetwork?: boolean;
  readonly scrape: {
    /** One target per node: `node` comes from the pod's node, not from exporter labels such as DCGM's `Hostname`. */
    readonly nodeLevel: boolean;
    /**
     * Its series name other objects in `namespace`, `pod` and `container` (dcgm-exporter: the pod
     * holding a GPU), which must win over the target labels prometheus-operator adds, and be absent
     * where the exporter wrote none: the operator profile's ServiceMonitor drops those target labels
     * (`relabelings`, `DROP_DESCRIBED_TARGET_LABELS`). (The standalone jobs add no such target labels.)
     * @default false
     */
    readonly describesOtherObjects?: boolean;
    /**
     * Its series carry `job` and `instance` labels of their own (pushed groups), which its standalone job keeps.
     * @default false
     */
    readonly honorLabels?: boolean;
    /**
     * `metric_relabel_configs` of its standalone job (labels of its series it must not store).
     * @default none
     */
    readonly metricRelabelConfigs?: readonly Relabel[];
    /** Scrape jobs beyond its own `/metrics`, right after it (standalone profile only). */
    readonly extraJobs?: (stack: StackPlan) => ScrapeConfig[];
  };
  /**
   * Connections it accepts from outside the stack's components (users, applications), besides
   * Prometheus' scrape of its HTTP port, which every scraped pod accepts, and besides the
   * `sendsTo` flows of components naming it.
   * @default none
   */
  readonly ingress?: BySettings<readonly IngressRule[]>;
  /**
   * Components it connects to (datasources, OTLP and log exporters, alert delivery, StoreAPI
   * endpoints, its own replicas' gossip): each becomes an ingress rule of the receiver and an
   * egress rule of its own, wherever both are deployed.
   * @default none
   */
  readonly sendsTo?: BySettings<readonly OutgoingFlow[]>;
  /**
   * Connections it opens beyond the components that admit it and DNS.
   * @default none
   */
  readonly egress?: BySettings<readonly EgressRule[]>;
  /** Which platform alerts watch it: `false` where an alert of its own says more or no target is normal. */
  readonly watch: {
    /** `StackComponentDown` when a target stops answering. */
    readonly down: boolean;
    /** `StackComponentAbsent` when it has no target at all. */
    readonly absent: boolean;
  };
  /**
   * Alerts that watch it, each joining a group of the core pack that lists its components' alerts
   * (in table order), where the component is `watched`.
   * @default none
   */
  readonly alerts?: readonly ComponentAlert[];
  /**
   * Catalog entries of the series its alerts read that it alone owns (a series another pack or
   * component reads too has its entry in `src/catalog/`), in the catalog wherever it is `watched`.
   * @default none
   */
  readonly metrics?: readonly MetricEntry[];
  /**
   * Programs those series come from that `src/catalog/input-contracts.ts` does not know (a new
   * exporter: usually the component itself), as a pack declares its `producers`.
   * @default none
   */
  readonly producers?: readonly PackProducer[];
  /**
   * Its alerts' promtool unit tests (a `*.test.yaml` file, relative to the repository root), run
   * beside the packs' own.
   * @default none
   */
  readonly ruleTests?: string;
  /**
   * Its alerts apply also where it is not deployed by this stack but runs anyway (kube-prometheus-stack's
   * Prometheus, the GPU Operator's dcgm-exporter).
   * @default only where it is deployed
   */
  readonly watchedWhen?: (settings: EnvironmentSettings) => boolean;
  /** Rules, dashboards and catalog entries it brings, in effect wherever it is deployed. */
  readonly pack?: PackDefinition;
  /**
   * Rules over its settings that the schema cannot state, checked at load with located errors
   * (whether it is deployed or not: settings for a component that is not deployed are an error too).
   */
  readonly checkSettings?: (stack: StackPlan) => SettingsProblem[];
  /**
   * Things the user should know about this environment's choices, printed by `nfops synth` (a
   * receiver that goes nowhere, say); not errors.
   * @default none
   */
  readonly notices?: (stack: StackPlan) => string[];
  /** Builds its objects into its chart. */
  readonly construct: (scope: Construct, context: ComponentContext) => void;
}

/** An alert a component owns, and the core pack's rule group it joins (`nfops-platform`, `nfops-gpu`, `nfops-co2`). */
export interface ComponentAlert {
  readonly group: string;
  readonly rule: (context: PackContext) => Rule;
}

/** What the charts of one environment are composed from. */
export interface StackContext {
  readonly environment: Environment;
  readonly pricing: Pricing;
  /** Rules, dashboards and metric catalog of the packs in effect. */
  readonly artifacts: Artifacts;
  readonly stack: StackPlan;
}

/** What a component's construct receives: the stack, and its own definition. */
export interface ComponentContext extends StackContext {
  readonly definition: ComponentDefinition;
}

/** A definition's value in an environment. */
export function bySettings<T>(value: BySettings<T>, settings: EnvironmentSettings): T {
  return typeof value === "function" ? (value as (settings: EnvironmentSettings) => T)(settings) : value;
}

/** A component's HTTP port in an environment. */
export function componentPort(definition: ComponentDefinition, settings: EnvironmentSettings): number {
  return bySettings(definition.port, settings);
}

/**
 * Which components an environment deploys, from the component table: the one answer to "is this
 * component deployed" (enabled in `components`, and part of the environment's profile), and every
 * component's job name, port and in-cluster URL. Rules, dashboards, scrape configuration, network
 * policies and charts all read this; none keeps a list of its own.
 */
export interface StackPlan {
  readonly settings: EnvironmentSettings;
  /** The deployed components, in table order. */
  readonly deployed: readonly ComponentDefinition[];
  /** The components whose alerts apply: the deployed ones and those their `watchedWhen` names, in table order. */
  readonly watched: readonly ComponentDefinition[];
  isDeployed(key: ComponentKey): boolean;
  /** A component's definition, deployed or not. */
  component(key: ComponentKey): ComponentDefinition;
  /** The `job` label of a component's targets (its Service name). */
  job(key: ComponentKey): string;
  /** A component's HTTP port in this environment. */
  port(key: ComponentKey): number;
  /** In-cluster base URL of a component's Service: `http://<name>.<namespace>.svc:<port>`. */
  serviceUrl(key: ComponentKey): string;
}

/**
 * A pack: rule files, dashboards and the catalog entries of every metric they read or record,
 * with the promtool unit tests that prove its alerts. Environments choose packs by name
 * (`packs`); a component may bring a pack of its own, in effect wherever it is deployed.
 */
export interface PackDefinition {
  /** Name in `packs:`; also the folder under `rules/` and `dashboards/`. */
  readonly name: string;
  /** One line for the README and the error that lists the known packs. */
  readonly description: string;
  /** Catalog entries: every metric the pack's rules and dashboards read or record. */
  readonly metrics: readonly MetricEntry[];
  /** Rule files, each `dist/<env>/rules/<name>.yaml`; names are unique across packs. */
  readonly ruleFiles: (context: PackContext) => RuleFile[];
  /** Dashboards, each `dist/<env>/dashboards/<uid>.json`. */
  readonly dashboards: (context: PackContext) => DashboardBuilder[];
  /** Rows the pack adds to the core Overview dashboard, below the core rows. */
  readonly overviewRows?: (context: PackContext) => DashboardRow[];
  /**
   * Alerts of the pack that mute others of it while they fire (both must be alerts of the pack).
   * @default none
   */
  readonly inhibitions?: readonly Inhibition[];
  /**
   * A further condition on the settings for a pack that a component brings (a setting that turns it off).
   * @default always, wherever the component is deployed
   */
  readonly inEffectWhen?: (settings: EnvironmentSettings) => boolean;
  /** Folder of the pack's `*.test.yaml` promtool unit tests, relative to the repository root. */
  readonly ruleTestsDir: string;
  /**
   * Things the user should know about this environment's choices, printed by `nfops synth`.
   * @default none
   */
  readonly notices?: (context: PackContext) => string[];
  /**
   * Packs it reads from, which an environment selecting it must select too (checked at load, with
   * the reason in the error).
   * @default none
   */
  readonly requires?: readonly PackRequirement[];
  /**
   * Programs it reads that `src/catalog/input-contracts.ts` does not know (their series' input
   * contracts name them): what they are, where the environment scrapes them, the labels to check.
   * @default none
   */
  readonly producers?: readonly PackProducer[];
  /** Rules over settings the pack reads that the schema cannot state (checked when the pack is selected). */
  readonly checkSettings?: (settings: EnvironmentSettings) => SettingsProblem[];
  /**
   * Checks of `nfops doctor` beyond the built-in ones (inputs, labels, rule groups), run against a live Prometheus.
   * @default none
   */
  readonly doctorChecks?: readonly DoctorCheck[];
}

/** A producer a pack declares: its facts, and where an environment finds its targets. */
export interface PackProducer extends InputProducer {
  /**
   * `job="…"` or `job=~"…"` of its targets; empty for producers found by their `marker` alone;
   * undefined where the environment reads nothing of it.
   */
  readonly jobMatcher: (stack: StackPlan) => string | undefined;
}

/** A pack another pack needs selected beside it, and what it reads from it (said in the error). */
export interface PackRequirement {
  readonly pack: string;
  readonly because: string;
}

/** What every pack builder receives. */
export interface PackContext {
  readonly environment: Environment;
  /** The components the environment deploys and every component's job name and port. */
  readonly stack: StackPlan;
  /** The packs in effect, in order: the selected ones, then those of deployed components. */
  readonly packs: readonly PackDefinition[];
}

/** One row of a dashboard; each row lives in its own module. */
export interface DashboardRow {
  readonly title: string;
  readonly panels: readonly cog.Builder<Panel>[];
}

/**
 * One check of `nfops doctor`: a kind of finding and how to look for it in a live Prometheus.
 * Checks are data in a table (`src/doctor/checks.ts`); a pack adds its own with `doctorChecks`.
 */
export interface DoctorCheck {
  /** Kebab-case kind of the findings it reports, e.g. `metric-missing`; stable, scripts match on it. */
  readonly kind: string;
  /** What it checks, one line for `nfops doctor --help`. */
  readonly description: string;
  run(context: DoctorContext): Promise<DoctorFinding[]>;
}

export interface DoctorFinding {
  readonly kind: string;
  /** What is wrong where: the job, metric, rule group or target. */
  readonly subject: string;
  readonly message: string;
  readonly fix: string;
}

/** The read-only Prometheus HTTP API a check may use; every call is bounded in time and size. */
export interface PrometheusApi {
  /** Instant query at the time doctor started; label sets (without `__name__`) and values. */
  query(expr: string): Promise<Array<{ readonly labels: Readonly<Record<string, string>>; readonly value: number }>>;
  /** `data` of a GET of `/api/v1/<path>` (targets, rules, alertmanagers). */
  get(path: string): Promise<unknown>;
}

export interface DoctorContext {
  readonly environment: Environment;
  readonly stack: StackPlan;
  readonly packs: readonly PackDefinition[];
  readonly artifacts: Artifacts;
  readonly prometheus: PrometheusApi;
}
