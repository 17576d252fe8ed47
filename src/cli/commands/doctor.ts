import { stackPlan } from "../../components/component-table.js";
import { DEFAULT_ENVIRONMENT, loadEnvironmentNamed } from "../../config/load-environments.js";
import { loadPricing } from "../../config/load-pricing.js";
import { projectPaths } from "../../config/project-paths.js";
import { DOCTOR_CHECKS } from "../../doctor/checks.js";
import { renderJson, renderText, doctorChecks, runDoctor } from "../../doctor/run-doctor.js";
import { packsInEffect } from "../../packs/registry.js";
import { PrometheusClient, PrometheusError } from "../../report/prometheus-client.js";
import { buildArtifacts } from "../../synth/render-environment.js";
import { choiceOption, parseOptions, type Command } from "../command.js";
import { prometheusUrl, timeoutSeconds } from "../prometheus-options.js";
import { UsageError } from "../usage-error.js";

const DEFAULT_TIMEOUT_SECONDS = 10;
/** The largest API answer doctor reads (`/api/v1/rules` of a big server is a few MiB). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const FORMATS = ["text", "json"] as const;
const RENDERERS = { text: renderText, json: renderJson } as const;

const usage = `Usage: nfops doctor --prometheus URL [--env NAME] [--format text|json] [--timeout SECONDS] [--root DIR]

Checks a live Prometheus against an environment's contracts with the exporters it reads and
prints one line per finding with its fix. Exit 0: no finding; 1: findings; 2: Prometheus
unreachable or answering errors, or wrong usage.

Checks (a pack may add its own):
${DOCTOR_CHECKS.map((check) => `  ${check.kind.padEnd(22)}${check.description}`).join("\n")}

  --prometheus   base URL of Prometheus (http or https), e.g. http://prometheus:9090
  --env          environment (stacks/<env>.yaml; default ${DEFAULT_ENVIRONMENT})
  --format       text (default) or json
  --timeout      seconds one request may take (default ${DEFAULT_TIMEOUT_SECONDS}); answers over ${MAX_BODY_BYTES / 1024 / 1024} MiB fail
  --root         project directory holding stacks/ and pricing/ (default: the current directory)`;

export const doctorCommand: Command = {
  usage,
  async run(argv) {
    const options = parseOptions(argv, {
      prometheus: { type: "string" },
      env: { type: "string" },
      format: { type: "string" },
      timeout: { type: "string" },
      root: { type: "string" },
    });
    if (options.help) {
      console.log(usage);
      return 0;
    }
    const client = new PrometheusClient({ baseUrl: prometheusUrl(options.prometheus), timeoutMs: timeoutSeconds(options.timeout, DEFAULT_TIMEOUT_SECONDS) * 1000, maxAnswerBytes: MAX_BODY_BYTES });
    const render = RENDERERS[choiceOption("format", options.format, FORMATS)];
    const paths = projectPaths(options.root ?? process.cwd());
    const envName = options.env ?? DEFAULT_ENVIRONMENT;
    const environment = loadEnvironmentNamed(paths, envName, loadPricing(paths));
    if (!environment) throw new UsageError(`--env names no environment: no stacks/${envName}.yaml (value: ${JSON.stringify(envName)})`);
    const stack = stackPlan(environment.settings);
    const packs = packsInEffect(environment.settings, stack);
    const context = {
      environment,
      stack,
      packs,
      artifacts: buildArtifacts({ environment, stack, packs }),
      prometheus: { query: (expr: string) => client.instantQuery(expr, new Date()), get: (path: string) => client.getData(path) },
    };
    try {
      const findings = await runDoctor(context);
      process.stdout.write(render(findings, doctorChecks(context).length));
      return findings.length > 0 ? 1 : 0;
    } catch (error) {
      if (!(error instanceof PrometheusError)) throw error;
      console.error(`nfops doctor: ${error.message}`);
      return 2;
    }
  },
};
