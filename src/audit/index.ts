export * from "./fields.js";
export { auditEventSchema, auditRecordSchema, auditEventProblems, auditRecordProblems, type AuditEvent, type AuditRecord } from "./record-schema.js";
export { canonicalJson } from "./canonical-json.js";
export { recordHash, formatLine } from "./chain.js";
export { AuditEventError, AuditLogError } from "./errors.js";
export { appendAuditEvent, lockPathOf, type AppendOptions } from "./writer.js";
export type { LockOptions } from "./lock-file.js";
export { verifyAuditLog, type AuditVerification } from "./verify.js";
