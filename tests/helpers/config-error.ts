import { ConfigError } from "../../src/config/errors.js";

/** The message of the ConfigError that `load` throws; fails when it throws anything else or nothing. */
export function configErrorOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError");
}
