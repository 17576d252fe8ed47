import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AUDIT_EVENT_TYPES } from "../../src/audit/fields.js";
import { appendAuditEvent } from "../../src/audit/writer.js";

/** A throw-away directory for audit logs, with helpers to build and tamper with them. */
export function auditLogFixture() {
  const dir = mkdtempSync(join(tmpdir(), "nfops-audit-"));
  let counter = 0;
  return {
    dir,
    /** A fresh, not yet existing log path. */
    path: (name = "audit.log") => join(dir, `${(counter += 1)}-${name}`),
    /** Writes `count` valid records through the writer and returns the log's path. */
    async withRecords(count: number): Promise<string> {
      const file = join(dir, `${(counter += 1)}-audit.log`);
      for (let i = 0; i < count; i += 1) {
        const event = AUDIT_EVENT_TYPES[i % AUDIT_EVENT_TYPES.length] ?? "LOGIN";
        await appendAuditEvent(file, { event, actor: `user-${i}`, outcome: i % 2 ? "failure" : "success", details: { i } }, { fsync: false });
      }
      return file;
    },
    /** The log's lines, without the final empty piece after the last newline. */
    lines(file: string): string[] {
      const text = readFileSync(file, "utf8");
      return (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");
    },
    /** Rewrites the log from `lines` (each terminated by a newline). */
    writeLines(file: string, lines: readonly string[]): void {
      writeFileSync(file, lines.map((line) => `${line}\n`).join(""));
    },
    bytes: (file: string): Buffer | undefined => (existsSync(file) ? readFileSync(file) : undefined),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
