#!/usr/bin/env node
// Runs the CLI from a bundle of the TypeScript sources, rebuilt on demand when they change
// (bin/cli-bundle.mjs), so there is no separate build step to forget.
import { cliBundle } from "./cli-bundle.mjs";

await import(await cliBundle());
