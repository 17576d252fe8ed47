import { configurationPage } from "./configuration-reference.js";
import { migSharesTable } from "./mig-table.js";
import { withSection } from "./generated-section.js";
import { runbookIndex } from "./runbook-index.js";
import { componentsTable, packsTable } from "./stack-tables.js";

/** Every generated section, by file: what `npm run docs` writes and the docs test compares. */
const SECTIONS: Readonly<Record<string, Readonly<Record<string, () => string>>>> = {
  "README.md": { components: componentsTable, packs: packsTable },
  "docs/cost.md": { "mig-shares": migSharesTable },
  "docs/runbooks/README.md": { "runbook-index": runbookIndex },
};

/** Files generated whole. */
const FILES: Readonly<Record<string, () => string>> = {
  "docs/configuration.md": configurationPage,
};

/** Each file's text as generated: whole files, and the others with their generated sections current; `read` gives a repository file's text. */
export function generatedDocs(read: (file: string) => string): { file: string; text: string }[] {
  return [
    ...Object.entries(FILES).map(([file, build]) => ({ file, text: build() })),
    ...Object.entries(SECTIONS).map(([file, sections]) => ({
      file,
      text: Object.entries(sections).reduce((text, [name, build]) => withSection(file, text, name, build()), read(file)),
    })),
  ];
}
