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

/** `EACCES (permission denied, open '…')` from a Node file-system error; a full disk or quota says so first. */
export function fsErrorReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException | undefined;
  if (!e?.code) return String(error);
  const full = e.code === "ENOSPC" ? "the file system is full: " : e.code === "EDQUOT" ? "the disk quota is exhausted: " : "";
  return `${full}${e.code} (${e.message.replace(/^\w+: /, "")})`;
}
