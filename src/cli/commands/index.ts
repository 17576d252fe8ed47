import type { Command } from "../command.js";
import { auditCommand } from "./audit.js";
import { collectCommand } from "./collect.js";
import { costCommand } from "./cost.js";
import { exporterCommand } from "./exporter.js";
import { synthCommand } from "./synth.js";

/** Every `nfops` sub-command, by name. */
export const commands: Record<string, Command> = {
  synth: synthCommand,
  cost: costCommand,
  exporter: exporterCommand,
  collect: collectCommand,
  audit: auditCommand,
};
