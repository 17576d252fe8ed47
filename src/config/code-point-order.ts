/**
 * Orders strings by UTF-16 code units, the same on every machine. `localeCompare` follows the
 * process locale (under `LC_ALL=th_TH.UTF-8` it orders `-` and `/` differently), which would make
 * the output depend on who ran synthesis.
 */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
