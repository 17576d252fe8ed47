// `npm run docs`: writes docs/configuration.md and regenerates the generated sections of README.md,
// docs/cost.md and docs/runbooks/README.md.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repositoryRoot } from "../config/project-paths.js";
import { generatedDocs } from "./generated-docs.js";

for (const { file, text } of generatedDocs((path) => readFileSync(join(repositoryRoot, path), "utf8"))) {
  writeFileSync(join(repositoryRoot, file), text);
  console.log(`${file}: generated sections updated`);
}
