import { projectPaths } from "../../config/project-paths.js";
import { formatSummary, synthesize } from "../../synth/synthesize.js";
import { parseOptions, type Command } from "../command.js";

const usage = `Usage: nfops synth [--env NAME] [--root DIR]

Renders dist/<env>/ for every environment (the embedded default plus stacks/*.yaml), or only
--env NAME. The previous output is replaced atomically, and left untouched on any error.`;

export const synthCommand: Command = {
  usage,
  async run(argv) {
    const options = parseOptions(argv, { env: { type: "string" }, root: { type: "string" } });
    if (options.help) {
      console.log(usage);
      return 0;
    }
    const summaries = synthesize(projectPaths(options.root ?? process.cwd()), { only: options.env });
    for (const summary of summaries) console.log(formatSummary(summary));
    return 0;
  },
};
