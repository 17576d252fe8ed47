import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { precompiledValidator } from "../schema/precompiled-validators.js";
import precompiledModule from "./generated/validators.cjs";
import { AUDIT_EVENT_TYPES, AUDIT_FIELDS as F, AUDIT_OUTCOMES, type AuditEventType, type AuditOutcome } from "./fields.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const sha256Hex = { type: "string", pattern: "^[0-9a-f]{64}$" } as const;

/** Fields the caller supplies; the writer adds `ts`, `seq`, `prev_hash` and `hash`. */
const eventProperties = {
  [F.event]: { type: "string", enum: [...AUDIT_EVENT_TYPES], description: "What happened." },
  [F.actor]: { type: "string", minLength: 1, maxLength: 256, pattern: "^\\S", description: "Who did it (user or service account)." },
  [F.outcome]: { type: "string", enum: [...AUDIT_OUTCOMES], description: "Whether it succeeded." },
  [F.resource]: { type: "string", maxLength: 1024, description: "What it was done to (model, version, endpoint); empty when none." },
  [F.requestId]: { type: "string", minLength: 1, maxLength: 128, description: "Correlation id (e.g. the trace or HTTP request id)." },
  [F.details]: { type: "object", description: "Free-form event data." },
} as const;

/** JSON Schema of what a caller asks the writer to append. */
export const auditEventSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://nfops.dev/schemas/audit-event.schema.json",
  title: "nfops audit event (writer input)",
  type: "object",
  additionalProperties: false,
  required: [F.event, F.actor, F.outcome],
  properties: eventProperties,
} as const;

/** JSON Schema of one line of the audit log. */
export const auditRecordSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://nfops.dev/schemas/audit-record.schema.json",
  title: "nfops audit record (one JSONL line)",
  type: "object",
  additionalProperties: false,
  required: [F.ts, F.seq, F.event, F.actor, F.outcome, F.resource, F.requestId, F.details, F.prevHash, F.hash],
  properties: {
    // RFC 3339 in UTC only, so that lines sort and compare as text.
    [F.ts]: { type: "string", format: "date-time", pattern: "Z$", description: "When the writer appended it (RFC 3339, UTC)." },
    [F.seq]: { type: "integer", minimum: 1, description: "Position in the file, 1 for the first line." },
    ...eventProperties,
    [F.prevHash]: { ...sha256Hex, description: "`hash` of the previous line; 64 zeros on the first." },
    [F.hash]: { ...sha256Hex, description: "SHA-256 (hex) of the canonical JSON of this record without `hash`." },
  },
} as const;

export interface AuditEvent {
  readonly event: AuditEventType;
  readonly actor: string;
  readonly outcome: AuditOutcome;
  /** @default "" */
  readonly resource?: string;
  /** @default a random UUID */
  readonly request_id?: string;
  /** @default {} */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditRecord {
  readonly ts: string;
  readonly seq: number;
  readonly event: AuditEventType;
  readonly actor: string;
  readonly outcome: AuditOutcome;
  readonly resource: string;
  readonly request_id: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly prev_hash: string;
  readonly hash: string;
}

/**
 * The audit schemas' own ajv instance: records are checked exactly as written, so no defaults are
 * filled in. With `source`, it keeps the generated code that `npm run validators` writes out.
 */
export function auditAjv(options: { source?: boolean } = {}): Ajv {
  return addFormats(new Ajv({ strict: true, allErrors: true, code: { source: options.source ?? false, lines: true } }));
}

// Generated ahead of time, so that appending one event does not compile two schemas first.
const compile = (schema: object) => precompiledValidator(precompiledModule, schema) ?? auditAjv().compile(schema);
const checkEvent = compile(auditEventSchema);
const checkRecord = compile(auditRecordSchema);

/** Problems of a writer input, each `/pointer: message (value: …)`; empty when valid. */
export function auditEventProblems(value: unknown): string[] {
  return problems(checkEvent, value);
}

/** Problems of a parsed audit line, each `/pointer: message (value: …)`; empty when valid. */
export function auditRecordProblems(value: unknown): string[] {
  return problems(checkRecord, value);
}

function problems(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => describe(error, value));
}

function describe(error: ErrorObject, root: unknown): string {
  const at = (pointer: string) => pointer || "/";
  switch (error.keyword) {
    case "required":
      return `${at(`${error.instancePath}/${String(error.params.missingProperty)}`)}: is required`;
    case "additionalProperties":
      return `${at(`${error.instancePath}/${String(error.params.additionalProperty)}`)}: unknown field`;
    case "enum": {
      const allowed = (error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ");
      return `${at(error.instancePath)}: must be one of ${allowed}${valueSuffix(root, error.instancePath)}`;
    }
    default:
      return `${at(error.instancePath)}: ${error.message ?? "is invalid"}${valueSuffix(root, error.instancePath)}`;
  }
}

function valueSuffix(root: unknown, pointer: string): string {
  let current = root;
  for (const key of pointer.split("/").slice(1)) {
    if (current === null || typeof current !== "object") return "";
    current = (current as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  const text = JSON.stringify(current);
  if (text === undefined) return "";
  return ` (value: ${text.length > 80 ? `${text.slice(0, 77)}...` : text})`;
}
