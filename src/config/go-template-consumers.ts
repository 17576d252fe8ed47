/**
 * The programs that render a text of the configuration as a Go `text/template`, each with the
 * functions and predeclared variables it parses the text with. A name that is not here is a parse
 * error in that program ("function %q not defined"), which stops Prometheus from loading its rules.
 */
export interface GoTemplateConsumer {
  /** Who parses the text, for messages. */
  readonly name: string;
  /** Function names besides Go's builtins. */
  readonly functions: readonly string[];
  /** Variables declared before the text (without `$`). */
  readonly variables: readonly string[];
}

/**
 * Go's builtin template functions (text/template/funcs.go `builtins()`, Go 1.18–1.19, which build
 * Prometheus 2.42 and Alertmanager 0.25: `.promu.yml` and `go.mod` at those tags).
 */
export const GO_TEMPLATE_BUILTINS = [
  "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery",
  "eq", "ge", "gt", "le", "lt", "ne",
] as const;

/**
 * Alert labels and annotations in a Prometheus rule file: `text/template` with the functions of
 * `NewTemplateExpander` (prometheus template/template.go, identical at v2.42.0 and v3.0.0; `tmpl`
 * is added for HTML consoles only) and the variables `testTemplateParsing` and the rule manager
 * declare first (model/rulefmt/rulefmt.go v2.42.0: `$labels`, `$externalLabels`, `$externalURL`,
 * `$value`).
 */
export const PROMETHEUS_ALERT_TEMPLATE: GoTemplateConsumer = {
  name: "Prometheus",
  functions: [
    "query", "first", "label", "value", "strvalue", "args", "reReplaceAll", "safeHtml", "match", "title", "toUpper", "toLower",
    "graphLink", "tableLink", "sortByLabel", "stripPort", "stripDomain", "humanize", "humanize1024", "humanizeDuration",
    "humanizePercentage", "humanizeTimestamp", "toTime", "pathPrefix", "externalURL", "parseDuration",
  ],
  variables: ["labels", "externalLabels", "externalURL", "value"],
};

/**
 * Receiver fields and notification templates in Alertmanager: `text/template` with `DefaultFuncs`
 * (alertmanager template/template.go v0.25.0) and no predeclared variable.
 */
export const ALERTMANAGER_TEMPLATE: GoTemplateConsumer = {
  name: "Alertmanager",
  functions: ["toUpper", "toLower", "title", "join", "match", "safeHtml", "reReplaceAll", "stringSlice"],
  variables: [],
};
