/** The event a caller asked to append is invalid; nothing was written. */
export class AuditEventError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid audit event (nothing was written):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "AuditEventError";
    this.problems = problems;
  }
}

/** The audit log cannot be appended to (unwritable, locked, or its last line is broken); nothing was written. */
export class AuditLogError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AuditLogError";
  }
}

/** `EACCES (permission denied, open '…')` from a Node file-system error. */
export function fsErrorReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException | undefined;
  return e?.code ? `${e.code} (${e.message.replace(/^\w+: /, "")})` : String(error);
}
