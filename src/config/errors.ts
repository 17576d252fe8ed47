/** One problem in one input file, reported as `file[:line:col]: path: message (value: …)`. */
export interface ConfigProblem {
  /** Repository-relative path of the file. */
  readonly file: string;
  /** JSON Pointer of the offending value inside the file (`/` for the whole document). */
  readonly path: string;
  readonly message: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;
  /** 1-based line and column of the value in the file, when known. */
  readonly line?: number;
  readonly column?: number;
}

export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  const value = "value" in problem && problem.value !== undefined ? ` (value: ${describeValue(problem.value)})` : "";
  return `${where}: ${problem.path}: ${problem.message}${value}`;
}

function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Thrown when any input is invalid; carries every problem found, not only the first. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ConfigError";
    this.problems = problems;
  }
}
