import type { Command } from "../command.js";
import { auditCommand } from "./audit.js";
import { costCommand } from "./cost.js";
import { exporterCommand } from "./exporter.js";
import { synthCommand } from "./synth.js";

/** Every `nfops` sub-command, by name. */
export const commands: Record<string, Command> = {
  synth: synthCommand,
  cost: costCommand,
  exporter: exporterCommand,
  audit: auditCommand,
};
