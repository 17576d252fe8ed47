import { cliBundle } from "../../bin/cli-bundle.mjs";

/**
 * Builds the CLI's bundle once before any test file starts. On a fresh clone every test file that
 * runs `nfops` found no bundle and built its own copy at the same moment (the first rename wins),
 * a dozen esbuild runs over the sources competing for two cores.
 */
export default async function setup(): Promise<void> {
  await cliBundle();
}
