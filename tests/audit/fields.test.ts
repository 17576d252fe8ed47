import { parser } from "@grafana/lezer-logql";
import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_TYPES, AUDIT_LINE_REGEX, auditQueries } from "../../src/audit/fields.js";

/** Grafana replaces these before the query reaches Loki; the parser does not know them. */
function substituteGrafanaMacros(query: string): string {
  return query
    .replace(/\$__(auto|interval|rate_interval|range)\b/g, "5m")
    .replace(/\$(\w+)/g, "x");
}

/** Every syntax error the LogQL grammar reports, as `node@offset`. */
function logqlErrors(query: string): string[] {
  const errors: string[] = [];
  parser.parse(query).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`error at ${node.from}: ${JSON.stringify(query.slice(node.from, node.from + 20))}`);
    },
  });
  return errors;
}

describe("audit LogQL queries", () => {
  const filters = ["", `cluster=~"$cluster"`, `cluster=~"$cluster", audit_event=~"$event"`];
  for (const filter of filters) {
    for (const [name, query] of Object.entries(auditQueries(filter))) {
      it(`GIVEN label filter ${JSON.stringify(filter)} WHEN ${name} is parsed THEN it has no error nodes`, () => {
        expect(logqlErrors(substituteGrafanaMacros(query))).toEqual([]);
        if (filter) expect(query).toContain(filter);
      });
    }
  }

  it("GIVEN a filter with braces WHEN queries are built THEN it is rejected naming the value", () => {
    expect(() => auditQueries(`{job="x"}`)).toThrow(/without braces.*job/);
  });

  it("GIVEN a broken query WHEN parsed THEN the error check finds it (the check can fail)", () => {
    expect(logqlErrors(`sum by (x) (count_over_time({log_type="audit"} [5m]`)).not.toEqual([]);
  });

  it("GIVEN the default queries THEN they select the audit stream and the documented labels", () => {
    const q = auditQueries();
    expect(q.rawLog).toBe(`{log_type="audit"}`);
    expect(q.eventsByType).toBe(`sum by (audit_event) (count_over_time({log_type="audit"} [$__auto]))`);
    expect(q.recentChanges).toContain(`audit_event=~"PROMOTE|REGISTRY"`);
    expect(q.failedLogins).toContain(`audit_event="LOGIN"`);
    expect(q.failedLogins).toContain(`outcome="failure"`);
  });
});

describe("audit line recognition", () => {
  const hash = "a".repeat(64);
  it.each(AUDIT_EVENT_TYPES)("GIVEN a written %s line THEN the collector pattern matches and captures the event", (event) => {
    const line = `{"ts":"2025-01-01T00:00:00.000Z","seq":3,"event":"${event}","actor":"alice","outcome":"success","resource":"","request_id":"r","details":{},"prev_hash":"${"0".repeat(64)}","hash":"${hash}"}`;
    expect(AUDIT_LINE_REGEX.exec(line)?.[1]).toBe(event);
  });

  it.each([
    ["a plain log line mentioning an event", `user alice LOGIN failed "event":"LOGIN" "hash"`],
    ["an unknown event", `{"ts":"t","seq":1,"event":"LOGOUT","actor":"a","hash":"${hash}"}`],
    ["JSON without a hash", `{"ts":"t","seq":1,"event":"LOGIN","actor":"a"}`],
    ["an app's own JSON log", `{"level":"info","event":"LOGIN","hash":"${hash}"}`],
  ])("GIVEN %s THEN the collector pattern does not match", (_name, line) => {
    expect(AUDIT_LINE_REGEX.test(line)).toBe(false);
  });
});
