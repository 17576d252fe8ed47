import { COMPONENTS, stackPlan } from "../components/component-table.js";
import { PACKS } from "../packs/registry.js";
import { everyPackEnvironment } from "./every-pack-environment.js";
import { markdownTable } from "./generated-section.js";

/** The README's table of components, from the component table. */
export function componentsTable(): string {
  const stack = stackPlan(everyPackEnvironment().settings);
  return markdownTable(
    ["component", "key in `components`", "Service / job", "port", "profiles", "default image"],
    COMPONENTS.map((c) => [
      c.chart,
      `\`${c.key}\``,
      `\`${c.name}\``,
      typeof c.port === "number" ? String(c.port) : `${stack.port(c.key)} (a setting)`,
      c.profiles.join(", "),
      `\`${c.image}\``,
    ]),
  );
}

/** The README's table of selectable packs, and the packs components bring. */
export function packsTable(): string {
  return markdownTable(
    ["pack", "enabled by", "what it holds"],
    [
      ...Object.values(PACKS).map((p) => [`\`${p.name}\``, `\`packs: [${p.name}]\``, p.description]),
      ...COMPONENTS.flatMap((c) => (c.pack ? [[`\`${c.pack.name}\``, `deploying \`${c.key}\``, c.pack.description]] : [])),
    ],
  );
}
