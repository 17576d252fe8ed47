import { createExporterLogger, type Logger } from "../../src/exporter/logger.js";

/** A real exporter logger whose JSON records are kept in memory for assertions. */
export function captureLogger(): { log: Logger; records: Array<Record<string, unknown>> } {
  const records: Array<Record<string, unknown>> = [];
  const log = createExporterLogger({ write: (line: string) => void records.push(JSON.parse(line) as Record<string, unknown>) }, "debug");
  return { log, records };
}
