import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { goTemplateProblem } from "../../src/config/go-template.js";
import { ALERTMANAGER_TEMPLATE, PROMETHEUS_ALERT_TEMPLATE } from "../../src/config/go-template-consumers.js";

/** Texts on both sides of every rule of the grammar; promtool 2.42 (Prometheus' own parser) decides each. */
const TEXTS: readonly string[] = [
  "plain",
  "{{ $value }}",
  "{{ .Broken",
  "{{ $value | nosuchfunc }}",
  "{{ $labels.instance }} is {{ humanize $value }}",
  "{{ if gt $value 1.0 }}big{{ else }}small{{ end }}",
  "{{ if . }}a{{ else if . }}b{{ end }}",
  "{{ with . }}a{{ else if . }}b{{ end }}",
  "{{ range . }}{{ break }}{{ end }}",
  "{{ break }}",
  "{{ end }}",
  "{{ else }}",
  "{{ if . }}",
  "{{/* c */}}",
  "{{/* c */ }}",
  "{{- /* c */ -}}",
  "{{/* c",
  "{{ \"abc }}",
  "{{ `raw }}",
  "{{ 'a' }}",
  "{{ $x := 1 }}{{ $x }}",
  "{{ $x }}",
  "{{ $x = 1 }}",
  "{{ range $i, $e := . }}{{ $i }}{{ end }}",
  "{{ with $a, $b := . }}{{ end }}",
  "{{ }}",
  "{{ . | }}",
  "{{ . | 3 }}",
  "{{ . | printf \"%s\" }}",
  "{{ (.) }}",
  "{{ ( }}",
  "{{ ) }}",
  "{{ nil }}",
  "{{ 1.5e3 }}",
  "{{ 0x1F }}",
  "{{ 1a }}",
  "{{ -3 }}",
  "{{-3}}",
  "{{ .5 }}",
  "{{ \"a\".X }}",
  "{{ $.Labels }}",
  "{{ define \"x\" }}a{{ end }}{{ template \"x\" }}",
  "{{ if . }}{{ define \"x\" }}{{ end }}{{ end }}",
  "{{ template x }}",
  "{{ block \"b\" . }}{{ end }}",
  "{{ .Labels.job | toUpper }}",
  "{{ reReplaceAll \"a\" \"b\" $labels.x }}",
  "{{ join . \",\" }}",
  "{{ $value | humanizePercentage }}",
  "{{ query \"up\" | first | value }}",
  "{{ , }}",
  "{{ .a,b }}",
  "{{ x@ }}",
  "{{ a-b }}",
  "{{ .x-y }}",
  "{{ 1 2 }}",
  "}} stray",
  "{ {",
  "{{ \"a\\\"b\" }}",
  "{{ `a\nb` }}",
  "{{ \"a\nb\" }}",
  "{{ if . }}a{{ else }}b{{ else }}c{{ end }}",
  "{{ range . }}{{ else }}x{{ end }}",
  "{{ continue }}",
  "{{ range . }}{{ if . }}{{ continue }}{{ end }}{{ end }}",
  "{{ $v := . }}{{ if . }}{{ $w := 1 }}{{ end }}{{ $w }}",
  "{{ printf \"%d\" (len .) }}",
  "{{ .X.Y.Z }}",
  "{{ $value.X }}",
  "{{ 1_000 }}",
  "{{ 0b101 }}",
  "{{ 1e }}",
  "{{ true }}",
  "{{ true.X }}",
  "{{ . := 1 }}",
  "{{ $x := }}",
  "{{ and . . }}",
  "{{ externalURL }}",
  "{{ tmpl \"a\" . }}",
  "{{ stringSlice }}",
  "{{ toTime 1 }}",
  "{{ $externalURL }}{{ $externalLabels.x }}",
  "{{ if }}{{ end }}",
  "{{ .\u00e9 }}",
  "{{ \u00e9 }}",
  "{{ ._ }}",
  "{{ $x:=1 }}",
  "{{ $x : = 1 }}",
  "{{ . }} {{",
  "{{ 'ab' }}",
  "{{ define \"x\" }}{{ $value }}{{ end }}",
  "{{ - . }}",
  "{{ .X | len | printf \"%d\" }}",
  "{{ with $x := . }}{{ $x }}{{ else }}{{ $x }}{{ end }}",
  "{{ 1 | 2 }}",
  "{{ \"s\" | printf }}",
  "{{ (1) | printf }}",
  "{{ . | (printf) }}",
  "{{ slice . 1 2 }}",
  "{{ index . 1 }}",
  "{{ print . -}}x",
  "{{ print . -}}",
  "{{ print .-}}",
  "{{ \"\\q\" }}",
  "{{ \"\\x4\" }}",
  "{{ \"\\x41\\u00e9\\n\" }}",
  "{{ '\\n' }}",
  "{{ '\\'' }}",
  "{{ \"'\" }}",
  "{{ '\"' }}",
  "{{ '' }}",
  "{{ \"\\'\" }}",
  "{{ '\\\"' }}",
  "{{ \"\\101\" }}",
  "{{ \"\\400\" }}",
  "{{ '\u00e9' }}",
  "{{ `a\\q` }}"
];

describe("goTemplateProblem", () => {
  const dir = mkdtempSync(join(tmpdir(), "go-template-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("GIVEN texts across the action grammar WHEN checked as alert annotations THEN it accepts exactly what promtool 2.42 accepts", () => {
    const files = TEXTS.map((text, i) => {
      const file = join(dir, `case-${i}.yaml`);
      writeFileSync(file, JSON.stringify({ groups: [{ name: "g", rules: [{ alert: "A", expr: "up", annotations: { summary: text } }] }] }));
      return file;
    });
    const checked = spawnSync("promtool", ["check", "rules", ...files], { encoding: "utf8" });
    const verdicts = TEXTS.map((text, i) => ({ text, promtool: new RegExp(`Checking ${files[i]}\\n\\s+SUCCESS`).test(checked.stdout), ours: goTemplateProblem(text, PROMETHEUS_ALERT_TEMPLATE) === undefined }));
    expect(verdicts.filter((v) => v.promtool).length).toBeGreaterThan(30);
    expect(verdicts.filter((v) => !v.promtool).length).toBeGreaterThan(30);
    expect(verdicts.filter((v) => v.promtool !== v.ours)).toEqual([]);
  });

  it("GIVEN a broken text THEN the reason names what is wrong and where", () => {
    expect(goTemplateProblem("{{ .Broken", PROMETHEUS_ALERT_TEMPLATE)).toBe("unclosed action (at 1:1)");
    expect(goTemplateProblem("ok {{ $value | nosuchfunc }}", PROMETHEUS_ALERT_TEMPLATE)).toBe('function "nosuchfunc" not defined (at 1:16)');
    expect(goTemplateProblem("a\n{{ end }}", PROMETHEUS_ALERT_TEMPLATE)).toBe("unexpected {{end}} (at 2:4)");
  });

  it("GIVEN Alertmanager's function set THEN its own functions parse and Prometheus' do not", () => {
    expect(goTemplateProblem('{{ join .Values "," | toUpper }}', ALERTMANAGER_TEMPLATE)).toBeUndefined();
    expect(goTemplateProblem("{{ humanize 1 }}", ALERTMANAGER_TEMPLATE)).toBe('function "humanize" not defined (at 1:4)');
    expect(goTemplateProblem("{{ $value }}", ALERTMANAGER_TEMPLATE)).toBe('undefined variable "$value" (at 1:4)');
  });
});
