import { once } from "node:events";
import { dirname, resolve } from "node:path";
import { DEFAULT_ENVIRONMENT } from "../../config/load-environments.js";
import { loadPricing } from "../../config/load-pricing.js";
import { CARBON_TOKEN_FILE } from "../../exporter/container-contract.js";
import { loadExporterEnvironment } from "../../exporter/exporter-environment.js";
import { startExporter } from "../../exporter/exporter.js";
import { createExporterLogger } from "../../exporter/logger.js";
import { parseOptions, type Command } from "../command.js";
import { UsageError } from "../usage-error.js";

const usage = `Usage: nfops exporter --pricing-dir DIR [--stacks-dir DIR] [--env NAME] [--port N] [--host ADDR] [--carbon-token-file FILE]

Runs the cost/CO2 exporter: GET /metrics (electricity price, grid carbon intensity, PUE, GPU
hourly prices and LLM token prices from the pricing files), /healthz and /readyz. Pricing files are reloaded when they
change; an invalid version is rejected and the last good one kept. Logs are JSON lines on stdout.
Stops cleanly on SIGTERM or SIGINT.

  --pricing-dir DIR        directory with electricity.yaml, gpu.yaml and optionally llm.yaml (required)
  --stacks-dir DIR         directory with <env>.yaml (default: ./stacks; the "${DEFAULT_ENVIRONMENT}" environment needs none)
  --env NAME               environment whose costExporter settings and region apply (default: "${DEFAULT_ENVIRONMENT}")
  --port N                 listen port (default: the environment's costExporter.port)
  --host ADDR              listen address (default: every interface)
  --carbon-token-file F    bearer token of the live carbon provider (default: ${CARBON_TOKEN_FILE}
                           when costExporter.liveCarbonIntensity.tokenSecretName is set)`;

export const exporterCommand: Command = {
  usage,
  async run(argv) {
    const options = parseOptions(argv, {
      "pricing-dir": { type: "string" },
      "stacks-dir": { type: "string" },
      env: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      "carbon-token-file": { type: "string" },
    });
    if (options.help) {
      console.log(usage);
      return 0;
    }
    const pricingDir = options["pricing-dir"];
    if (!pricingDir) throw new UsageError("--pricing-dir is required");
    const stacksDir = options["stacks-dir"] ?? "stacks";
    const envName = options.env ?? DEFAULT_ENVIRONMENT;
    const portOption = options.port === undefined ? undefined : portNumber(options.port);

    const pricing = loadPricing({ root: dirname(resolve(pricingDir)), pricingDir: resolve(pricingDir) });
    const environment = loadExporterEnvironment(stacksDir, envName, pricing);
    if (!environment) throw new UsageError(`unknown environment ${JSON.stringify(envName)}: there is no ${envName}.yaml in ${stacksDir}`);
    const settings = environment.settings;
    const port = portOption ?? settings.costExporter.port;
    const tokenSecret = settings.costExporter.liveCarbonIntensity.tokenSecretName;

    const log = createExporterLogger().child({ env: environment.name });
    const exporter = await startExporter({
      pricingDir: resolve(pricingDir),
      settings,
      port,
      host: options.host,
      carbonTokenFile: options["carbon-token-file"] ?? (tokenSecret ? CARBON_TOKEN_FILE : undefined),
      log,
    });

    const signal = await Promise.race([once(process, "SIGTERM"), once(process, "SIGINT")]);
    log.info({ signal: signal[0] ?? "signal" }, "shutting down");
    await exporter.close();
    return 0;
  },
};

function portNumber(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be an integer from 0 to 65535 (value: ${JSON.stringify(raw)})`);
  }
  return port;
}
