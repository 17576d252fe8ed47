import type { Report, Section, SloFigures, SloRow } from "./report.js";

/** Shown for a figure whose metric has no series for the row: unknown, not zero. */
const UNKNOWN = "–";

/**
 * The columns of a section's table: labels (left-aligned) name the row, figures (right-aligned) are
 * read from a row or from the section's total alike.
 */
interface TableSpec<Row extends Figures, Figures> {
  readonly labels: ReadonlyArray<{ readonly header: string; readonly cell: (row: Row) => string }>;
  readonly figures: ReadonlyArray<{ readonly header: string; readonly cell: (figures: Figures) => string }>;
}

/**
 * The report as Markdown for people who do not open Grafana: one table per section with aligned
 * columns and rounded figures (USD to the cent, kg and GPU-hours to a tenth), a total row, and a
 * plain sentence where a section has no data.
 */
export function renderMarkdown(report: Report): string {
  const window = `the ${report.days} ${report.days === 1 ? "day" : "days"} to ${report.time}`;
  return [
    "# nfops report",
    "",
    `Prometheus ${report.prometheus}, ${window}.`,
    "",
    "## Cost, CO2 and GPU-hours by namespace and GPU model",
    "",
    ...sectionBody(report.core, "The core pack's hourly roll-ups have no samples in this window.", {
      labels: [
        { header: "namespace", cell: (row) => row.namespace },
        { header: "GPU model", cell: (row) => row.gpuModel || "(CPU and DRAM)" },
      ],
      figures: [
        { header: "cost (USD)", cell: (f) => usd(f.costUsd) },
        { header: "CO2 (kg)", cell: (f) => decimal(f.co2Kg, 1) },
        { header: "GPU-hours", cell: (f) => decimal(f.gpuHours, 1) },
      ],
    }),
    "",
    "## LLM calls by provider and model",
    "",
    ...sectionBody(report.llm, "Usually the llm pack is not enabled, or no application reported LLM calls in this window.", {
      labels: [
        { header: "provider", cell: (row) => row.provider },
        { header: "model", cell: (row) => row.model },
      ],
      figures: [
        { header: "calls", cell: (f) => decimal(f.calls, 0) },
        { header: "prompt tokens", cell: (f) => decimal(f.promptTokens, 0) },
        { header: "completion tokens", cell: (f) => decimal(f.completionTokens, 0) },
        { header: "cost (USD)", cell: (f) => usd(f.costUsd) },
        { header: "avg inference (s)", cell: (f) => decimal(f.averageInferenceSeconds, 2) },
        { header: "success rate", cell: (f) => percent(f.successRatio, 1) },
      ],
    }),
    "",
    "## SLO error budgets",
    "",
    ...sectionBody<SloRow, SloFigures>(report.slo, "Usually no SLO is declared (setting `slos`), or the SLO rules are not loaded.", {
      labels: [
        { header: "SLO", cell: (row) => row.slo },
        { header: "SLI", cell: (row) => row.sli },
      ],
      figures: [
        { header: "objective", cell: (f) => percent(f.objective) },
        { header: "budget remaining", cell: (f) => percent(f.budgetRemaining, 1) },
      ],
    }),
    "",
  ].join("\n");
}

/** A section's table (with a total row when it has one and more than one row) and a note naming what found nothing. */
function sectionBody<Row extends Figures, Figures>(section: Section<Row, Figures | undefined>, whyNoData: string, spec: TableSpec<Row, Figures>): string[] {
  const metrics = section.missingMetrics.map((metric) => `\`${metric}\``).join(", ");
  if (section.status === "no data") return [`No data: ${metrics} returned no series. ${whyNoData}`];
  const rows = section.rows.map((row) => [...spec.labels.map((label) => markdownText(label.cell(row))), ...spec.figures.map((figure) => figure.cell(row))]);
  const { total } = section;
  if (total !== undefined && section.rows.length > 1) {
    rows.push([...spec.labels.map((_label, i) => (i === 0 ? "**total**" : "")), ...spec.figures.map((figure) => figure.cell(total))]);
  }
  const headers = [...spec.labels, ...spec.figures].map((column) => column.header);
  const note = section.missingMetrics.length > 0 ? ["", `No data for ${metrics}: shown as ${UNKNOWN}.`] : [];
  return [...table(headers, spec.labels.length, rows), ...note];
}

/** A Markdown table whose columns line up in the raw text too: the first `labelColumns` left-aligned, the figures right-aligned. */
function table(headers: readonly string[], labelColumns: number, rows: ReadonlyArray<readonly string[]>): string[] {
  // A fold, not Math.max(...cells): half a million rows would overflow the call stack as arguments.
  const widths = headers.map((header, i) => rows.reduce((width, cells) => Math.max(width, (cells[i] ?? "").length), Math.max(header.length, 3)));
  const left = (i: number) => i < labelColumns;
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => (left(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((width, i) => (left(i) ? `:${"-".repeat(width + 1)}` : `${"-".repeat(width + 1)}:`)).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)];
}

/** Fixed decimals with thousands separators, without a locale (the output must not depend on the machine). */
function decimal(value: number | null, decimals: number): string {
  if (value === null || !Number.isFinite(value)) return UNKNOWN;
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = "", fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const negative = value < 0 && Number(fixed) !== 0; // no "-0.0"
  return `${negative ? "-" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

function usd(value: number | null): string {
  return decimal(value, 2);
}

/** A ratio as a percentage: to `decimals` places, or, without them, as many as it needs up to three (99.5 %, 99.95 %). */
function percent(ratio: number | null, decimals?: number): string {
  if (ratio === null || !Number.isFinite(ratio)) return UNKNOWN;
  const text = decimals === undefined ? String(Number((ratio * 100).toFixed(3))) : decimal(ratio * 100, decimals);
  return `${text} %`;
}

/**
 * A label value (anything the measured applications chose) as plain text in a table cell of a
 * report meant for a pull-request comment: no line breaks (a new line could start a heading), no
 * HTML, no emphasis, links or autolinks, and no `|` that would split the cell.
 */
export function markdownText(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c] as string)
    .replace(/[\\`*_[\]!|~]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, "&#58;//")
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}&#46;`);
}
