import type { DoctorCheck, DoctorContext, DoctorFinding } from "../model/stack-model.js";
import { DOCTOR_CHECKS } from "./checks.js";

/** The checks for an environment: the built-in ones, then each pack's in the order the packs are in effect. */
export function doctorChecks(context: Pick<DoctorContext, "packs">): DoctorCheck[] {
  return [...DOCTOR_CHECKS, ...context.packs.flatMap((pack) => pack.doctorChecks ?? [])];
}

/** Runs every check one after another (a live Prometheus is not to be hammered) and returns the findings in check order. */
export async function runDoctor(context: DoctorContext): Promise<DoctorFinding[]> {
  const findings: DoctorFinding[] = [];
  for (const check of doctorChecks(context)) findings.push(...(await check.run(context)));
  return findings;
}

/** One line per finding: `kind subject: message. Fix: …`. */
export function renderText(findings: readonly DoctorFinding[], checks: number): string {
  if (findings.length === 0) return `no findings (${checks} checks)\n`;
  return findings.map((f) => `${f.kind} ${f.subject}: ${f.message}. Fix: ${f.fix}\n`).join("");
}

export function renderJson(findings: readonly DoctorFinding[], checks: number): string {
  return `${JSON.stringify({ checks, findings }, null, 2)}\n`;
}
