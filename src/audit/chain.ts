import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";
import { AUDIT_FIELDS, AUDIT_LINE_FIELD_ORDER } from "./fields.js";
import type { AuditRecord } from "./record-schema.js";

export type UnsealedRecord = Omit<AuditRecord, "hash">;

/** SHA-256 (hex) of the canonical JSON of `record` with its `hash` field left out. */
export function recordHash(record: UnsealedRecord | AuditRecord): string {
  const { [AUDIT_FIELDS.hash]: _ignored, ...content } = record as AuditRecord;
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
}

/** Adds the `hash` that links this record into the chain. */
export function sealRecord(record: UnsealedRecord): AuditRecord {
  return { ...record, hash: recordHash(record) };
}

/**
 * The JSONL line of a record, without the newline: fields in `AUDIT_LINE_FIELD_ORDER`, no
 * whitespace. This fixed shape is what the collector's `AUDIT_LINE_PATTERN` recognises.
 */
export function formatLine(record: AuditRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const field of AUDIT_LINE_FIELD_ORDER) ordered[field] = record[field];
  return JSON.stringify(ordered);
}
