import type { DashboardChange, EnvironmentDiff, FieldChange, ObjectChange, PanelChange, RuleChange, TreeDiff } from "./model.js";
import { changeSummary, summaryLine } from "./summary.js";

/** GitHub refuses comments above 65,536 characters; stay well under with room for a header. */
const COMMENT_LIMIT = 60_000;
/** Entries listed per environment before "… and N more", tried from the first until the comment fits. */
const ENTRY_LIMITS = [60, 30, 15, 5, 0];

export interface MarkdownOptions {
  /** Where `--pictures` wrote the layout pictures, to name them next to their dashboards. */
  readonly pictures?: string;
}

/**
 * The diff as a pull-request comment: a total line, then one collapsible section per changed
 * environment with its Dashboards, Rules and Manifests. Empty when nothing changed, so that a CI
 * step can skip posting.
 */
export function renderMarkdown(diff: TreeDiff, options: MarkdownOptions = {}): string {
  if (diff.environments.length === 0) return "";
  for (const limit of ENTRY_LIMITS) {
    const text = render(diff, limit, options);
    if (text.length <= COMMENT_LIMIT || limit === 0) return text;
  }
  return "";
}

function render(diff: TreeDiff, limit: number, options: MarkdownOptions): string {
  const compared = diff.environments.length + diff.unchanged.length;
  const lines = [
    `### nfops diff ${code(diff.base)} → ${code(diff.head)}`,
    "",
    `**${changeSummary(diff.total)}** in ${diff.environments.length} of ${compared} ${compared === 1 ? "environment" : "environments"}${diff.unchanged.length ? ` (unchanged: ${diff.unchanged.join(", ")})` : ""}.`,
    "",
  ];
  for (const environment of diff.environments) lines.push(...environmentSection(environment, limit, options), "");
  return `${lines.join("\n").trimEnd()}\n`;
}

function environmentSection(environment: EnvironmentDiff, limit: number, options: MarkdownOptions): string[] {
  const sections: Array<[string, string[][]]> = [
    ["Dashboards", environment.dashboards.flatMap((d) => dashboardEntries(environment.name, d, options))],
    ["Rules", environment.rules.map(ruleEntry)],
    ["Manifests", environment.objects.map(objectEntry)],
  ];
  const body: string[] = [];
  let shown = 0;
  let hidden = 0;
  for (const [title, items] of sections) {
    if (items.length === 0) continue;
    const visible = items.slice(0, Math.max(0, limit - shown));
    hidden += items.length - visible.length;
    shown += visible.length;
    if (visible.length > 0) body.push(`**${title}**`, "", ...visible.flat(), "");
  }
  if (hidden > 0) body.push(`… and ${hidden} more ${hidden === 1 ? "entry" : "entries"} (\`--format json\` lists them all).`, "");
  if (environment.status !== "changed") body.push(`The environment exists on the ${environment.status === "added" ? "head" : "base"} side only; its contents are counted, not listed.`, "");
  return [`<details><summary><b>${escape(environment.name)}</b>: ${escape(summaryLine(environment))}</summary>`, "", ...body, "</details>"];
}

function dashboardEntries(environment: string, dashboard: DashboardChange, options: MarkdownOptions): string[][] {
  const head = `${code(dashboard.uid)} ${escape(dashboard.title)}`;
  if (dashboard.kind !== "changed") return [[`- ${dashboard.kind} dashboard ${head} (${dashboard.panelCount ?? 0} panels)`]];
  const picture = options.pictures && dashboard.panels.length > 0 ? ` — layout: ${code(`${options.pictures}/${environment}/${dashboard.uid}.svg`)}` : "";
  const entries: string[][] = [];
  const title = dashboard.changes.find((c) => c.field === "title");
  entries.push([`- dashboard ${head}${title ? ` (renamed from ${escape(title.before ?? "")})` : ""}${picture}`, ...dashboard.changes.filter((c) => c !== title).map((c) => `  - ${fieldLine(c)}`)]);
  for (const panel of dashboard.panels) entries.push(panelEntry(panel));
  return entries;
}

function panelEntry(panel: PanelChange): string[] {
  const what = `panel **${escape(panel.key)}** (${panel.type})`;
  if (panel.kind === "added") return [`  - added ${what} at ${grid(panel.after)}`];
  if (panel.kind === "removed") return [`  - removed ${what} from ${grid(panel.before)}`];
  if (panel.kind === "moved") return [`  - moved ${what}: ${grid(panel.before)} → ${grid(panel.after)}`];
  const retitled = panel.changes.find((c) => c.field === "title");
  const verb = retitled ? `retitled ${what} → **${escape(retitled.after ?? "")}**` : `changed ${what}`;
  return [`  - ${verb}`, ...panel.changes.filter((c) => c !== retitled).map((c) => `    - ${fieldLine(c)}`)];
}

function ruleEntry(rule: RuleChange): string[] {
  const what = `${rule.rule === "alert" ? "alert" : "recording rule"} **${escape(rule.name)}** (${escape(rule.group)})`;
  if (rule.kind === "formatting") return [`- formatting only: ${what}`];
  if (rule.kind !== "changed") return [`- ${rule.kind} ${what}`];
  return [`- changed ${what}`, ...rule.changes.map((c) => `  - ${fieldLine(c)}`)];
}

function objectEntry(object: ObjectChange): string[] {
  const rolls = object.rolls.length ? ` — rolls ${object.rolls.map(escape).join(", ")}` : "";
  if (object.kind !== "changed") return [`- ${object.kind} ${escape(object.object)}`];
  return [`- changed ${escape(object.object)}${rolls}`, ...object.changes.map((c) => `  - ${fieldLine(c)}`)];
}

function fieldLine(change: FieldChange): string {
  const values = change.before !== undefined && change.after !== undefined && (change.before !== "" || change.after !== "") ? `${code(change.before)} → ${code(change.after)}` : "";
  const tokens = change.tokens ? (change.tokens.includes("[-") || change.tokens.includes("{+") ? code(change.tokens) : escape(change.tokens)) : "";
  return `${escape(change.field)}: ${[values, tokens].filter(Boolean).join(" in ")}`;
}

const grid = (pos: { x: number; y: number; w: number; h: number } | undefined) => (pos ? `${pos.w}×${pos.h} at (${pos.x}, ${pos.y})` : "?");

/** An inline code span that survives backticks inside the text. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(" ") ? " " : "";
  return `${fence}${pad}${text || " "}${pad}${fence}`;
}

/** Plain text in Markdown and inside `<summary>`: no HTML, no emphasis by accident. */
const escape = (text: string) => text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!).replace(/([*_`[\]\\])/g, "\\$1");
