// `npm run docs`: regenerates the generated sections of README.md.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repositoryRoot } from "../config/project-paths.js";
import { withConfigurationReference } from "./configuration-reference.js";

const readme = join(repositoryRoot, "README.md");
writeFileSync(readme, withConfigurationReference(readFileSync(readme, "utf8")));
console.log("README.md: configuration reference updated");
