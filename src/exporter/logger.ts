import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";

/**
 * The exporter's structured JSON logger. Writes synchronously to stdout by default (a container's
 * log collector reads it) so that the last lines before a crash or SIGTERM are not lost;
 * tests pass their own destination to read the records back.
 */
export function createExporterLogger(destination?: DestinationStream, level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino(
    { name: "nfops-exporter", level, timestamp: pino.stdTimeFunctions.isoTime, base: { pid: process.pid } },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
