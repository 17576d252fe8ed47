import { ConfigError } from "../config/errors.js";
import { UsageError } from "./usage-error.js";
import { commands } from "./commands/index.js";

const HELP = `nfops — observability stack-as-code for GPU ML platforms

Usage: nfops <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(10)}${command.summary}`)
  .join("\n")}

Run \`nfops <command> --help\` for the options of a command.`;

/** Runs one CLI invocation and returns the exit code: 0 ok, 1 failed, 2 wrong usage. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return name === undefined ? 2 : 0;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    console.error(`nfops: unknown command ${JSON.stringify(name)}\n\n${HELP}`);
    return 2;
  }
  const command = await entry.load();
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`nfops ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`nfops ${name}: invalid input${entry.writes ? " (nothing was written)" : ""}:\n${error.message}`);
      return 1;
    }
    console.error(`nfops ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
