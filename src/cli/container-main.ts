// Entry point of the exporter image (`Dockerfile` bundles this file alone). It runs only the
// `exporter` command, so the bundle carries none of the synthesis code (cdk8s, dashboards, rules).
import { exporterCommand } from "./commands/exporter.js";
import { UsageError } from "./usage-error.js";
import { ConfigError } from "../config/errors.js";

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name !== "exporter") throw new UsageError(`the image runs "exporter" (got ${JSON.stringify(name ?? "")})`);
    return await exporterCommand.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`nfops exporter: ${error.message}\n\n${exporterCommand.usage}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`nfops exporter: invalid input:\n${error.message}`);
      return 1;
    }
    console.error(`nfops exporter: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
