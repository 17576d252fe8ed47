import { environmentSchema, type Environment, type EnvironmentSettings } from "../config/environment-schema.js";
import { ConfigError } from "../config/errors.js";
import { validateAgainst } from "../config/validate.js";
import { parseYamlFile } from "../config/yaml-file.js";
import { PACK_NAMES } from "../packs/registry.js";

/**
 * Opt-in settings that add alerts, each set of them an environment of its own (remote write and
 * Thanos exclude each other): the runbook index lists the alerts of all of them.
 */
export const OPT_IN_FEATURES: readonly string[] = [
  "ha: { enabled: true }\nlongTermStorage: { kind: thanos, objectStorage: { secretName: objstore } }\nloki: { objectStorage: { type: s3, secretName: loki-bucket } }\ntempo: { objectStorage: { type: s3, secretName: tempo-bucket } }\n",
  "prometheus: { remoteWriteUrl: https://remote-write.example/api/v1/write }\n",
];

/** The schema defaults with every pack selected (components are on by default, so their packs are in effect too), plus `extra` settings: what the docs describe. */
export function everyPackEnvironment(extra = ""): Environment {
  const yaml = parseYamlFile("(every pack)", `packs: [${PACK_NAMES.join(", ")}]\n${extra}`);
  const problems = validateAgainst(environmentSchema, yaml);
  if (problems.length > 0) throw new ConfigError(problems);
  return { name: "docs", source: yaml.file, settings: yaml.data as EnvironmentSettings };
}
