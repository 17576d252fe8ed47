import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usage-error.js";

export interface Command {
  readonly usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: readonly string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Strict option parsing: unknown options and stray arguments are usage errors. */
export function parseOptions<T extends Options>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Parses a finite, non-negative number option, naming the option in the error. */
export function nonNegativeNumber(name: string, raw: string | undefined): number {
  if (raw === undefined) throw new UsageError(`--${name} is required`);
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`--${name} must be a non-negative number (value: ${JSON.stringify(raw)})`);
  }
  return value;
}

/** One of `choices` (the first when the option is left out), naming the option in the error. */
export function choiceOption<C extends string>(name: string, raw: string | undefined, choices: readonly C[]): C {
  if (raw === undefined) return choices[0] as C;
  if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`--${name} must be one of ${choices.join(", ")} (value: ${JSON.stringify(raw)})`);
  return raw as C;
}
