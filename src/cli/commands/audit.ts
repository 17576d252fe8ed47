import { formatLine } from "../../audit/chain.js";
import { AuditEventError } from "../../audit/errors.js";
import { AUDIT_EVENT_TYPES, AUDIT_OUTCOMES, DEFAULT_AUDIT_LOG_PATH } from "../../audit/fields.js";
import type { AuditEvent } from "../../audit/record-schema.js";
import { verifyAuditLog } from "../../audit/verify.js";
import { appendAuditEvent, lockPathOf } from "../../audit/writer.js";
import { parseOptions, type Command } from "../command.js";
import { UsageError } from "../usage-error.js";

const usage = `Usage: nfops audit append --event EVENT --actor NAME --outcome OUTCOME [--resource R]
                          [--request-id ID] [--details JSON] [--file PATH] [--no-fsync]
       nfops audit verify [--file PATH]

append  adds one record to the tamper-evident audit log (JSONL, hash-chained) and prints it.
        EVENT is one of ${AUDIT_EVENT_TYPES.join(", ")}; OUTCOME is ${AUDIT_OUTCOMES.join(" or ")};
        --details is a JSON object. Safe while other processes append to the same file
        (they take turns on ${lockPathOf("PATH")}). The line is fsync'ed unless --no-fsync.
verify  checks every line (JSON, schema, format, hash, seq and prev_hash links), prints the
        first bad line and why, and exits 1 if there is one.

PATH defaults to ${DEFAULT_AUDIT_LOG_PATH}. See docs/audit.md.`;

export const auditCommand: Command = {
  usage,
  async run(argv) {
    const [action, ...rest] = argv;
    if (action === "append") return append(rest);
    if (action === "verify") return verify(rest);
    if (action === undefined || action === "--help" || action === "-h") {
      console.log(usage);
      return action === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown audit action ${JSON.stringify(action)} (expected append or verify)`);
  },
};

async function append(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, {
    event: { type: "string" },
    actor: { type: "string" },
    outcome: { type: "string" },
    resource: { type: "string" },
    "request-id": { type: "string" },
    details: { type: "string" },
    file: { type: "string" },
    "no-fsync": { type: "boolean" },
  });
  if (options.help) {
    console.log(usage);
    return 0;
  }
  // Required options are checked by the writer's schema, so the rules live in one place.
  const event = {
    event: options.event,
    actor: options.actor,
    outcome: options.outcome,
    resource: options.resource,
    request_id: options["request-id"],
    details: options.details === undefined ? undefined : parseDetails(options.details),
  } as AuditEvent;
  try {
    const record = await appendAuditEvent(filePath(options.file), event, { fsync: !options["no-fsync"] });
    console.log(formatLine(record));
    return 0;
  } catch (error) {
    if (error instanceof AuditEventError) throw new UsageError(asOptionNames(error.problems).join("\n"));
    throw error;
  }
}

async function verify(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, { file: { type: "string" } });
  if (options.help) {
    console.log(usage);
    return 0;
  }
  const file = filePath(options.file);
  const result = await verifyAuditLog(file);
  if (result.problem) {
    console.error(`${file}:${result.problem.line}: ${result.problem.reason}`);
    console.error(`audit log does NOT verify: ${result.validRecords} valid record(s) before line ${result.problem.line}`);
    return 1;
  }
  const head = result.head ? ` (last seq ${result.head.seq}, hash ${result.head.hash})` : "";
  console.log(`${file}: OK, ${result.validRecords} record(s), chain intact${head}`);
  return 0;
}

function filePath(raw: string | undefined): string {
  if (raw === "") throw new UsageError("--file must not be empty");
  return raw ?? DEFAULT_AUDIT_LOG_PATH;
}

function parseDetails(raw: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new UsageError(`--details is not valid JSON: ${(error as Error).message} (value: ${JSON.stringify(raw)})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`--details must be a JSON object (value: ${JSON.stringify(raw)})`);
  }
  return value as Record<string, unknown>;
}

/** `/request_id: …` → `--request-id: …`, so that problems name what the user typed. */
function asOptionNames(problems: readonly string[]): string[] {
  return problems.map((problem) => problem.replace(/^\/(\w+)/, (_match, field: string) => `--${field.replace(/_/g, "-")}`));
}
