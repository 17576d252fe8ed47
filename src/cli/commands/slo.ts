import { writeFileSync } from "node:fs";
import { stringify } from "yaml";
import { loadEnvironments, DEFAULT_ENVIRONMENT } from "../../config/load-environments.js";
import { loadPricing } from "../../config/load-pricing.js";
import { projectPaths } from "../../config/project-paths.js";
import { readOpenSloFile } from "../../openslo/documents.js";
import { exportOpenSlo } from "../../openslo/export.js";
import { importOpenSlo } from "../../openslo/import.js";
import { writeIntoStacks } from "../../openslo/write-into-stacks.js";
import { parseOptions, type Command } from "../command.js";
import { UsageError } from "../usage-error.js";

const usage = `Usage: nfops slo import FILE [--into STACKS_FILE]
       nfops slo export [--env NAME] [--output FILE] [--root DIR]

import  reads OpenSLO v1 SLO and SLI documents (ratio and threshold metrics over Prometheus) and
        prints them as \`slos:\` entries, or with --into puts them into a stacks file (an entry of
        the same name is replaced, comments and other settings kept). Documents nfops cannot
        express are errors naming file, line, path and value; nothing is written then.
export  writes the SLOs of an environment's \`slos\` as OpenSLO v1 (one SLO document per
        indicator, SLI inline) to stdout or --output; import gives the same \`slos\` back.`;

export const sloCommand: Command = {
  usage,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === "--help" || sub === "-h") {
      console.log(usage);
      return sub === undefined ? 2 : 0;
    }
    if (sub === "import") return importCommand(rest);
    if (sub === "export") return exportCommand(rest);
    throw new UsageError(`unknown sub-command ${JSON.stringify(sub)}: import or export`);
  },
};

function importCommand(argv: readonly string[]): number {
  const [file, ...rest] = argv;
  if (file === undefined || file.startsWith("-")) throw new UsageError("import needs the OpenSLO FILE to read");
  const options = parseOptions(rest, { into: { type: "string" } });
  const entries = importOpenSlo(readOpenSloFile(file));
  if (options.into) {
    writeIntoStacks(options.into, entries);
    console.log(`${options.into}: ${entries.length} SLO ${entries.length === 1 ? "entry" : "entries"} (${entries.map((e) => e.name).join(", ")})`);
  } else process.stdout.write(stringify({ slos: entries }, { lineWidth: 0 }));
  return 0;
}

async function exportCommand(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, { env: { type: "string" }, output: { type: "string" }, root: { type: "string" } });
  const paths = projectPaths(options.root ?? process.cwd());
  const name = options.env ?? DEFAULT_ENVIRONMENT;
  // The packs' settings checks (what synth rejects) load the synthesis code: only export needs them.
  const { LOAD_OPTIONS } = await import("../../synth/load-options.js");
  const environment = loadEnvironments(paths, loadPricing(paths), LOAD_OPTIONS).find((e) => e.name === name);
  if (!environment) throw new UsageError(`unknown environment ${JSON.stringify(name)}`);
  const text = exportOpenSlo(environment.settings);
  if (options.output) writeFileSync(options.output, text);
  else process.stdout.write(text);
  return 0;
}
