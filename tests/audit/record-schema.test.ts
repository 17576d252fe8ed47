import { describe, expect, it } from "vitest";
import { sealRecord } from "../../src/audit/chain.js";
import { AUDIT_GENESIS_HASH } from "../../src/audit/fields.js";
import { auditEventProblems, auditRecordProblems, type AuditRecord } from "../../src/audit/record-schema.js";

const good: AuditRecord = sealRecord({
  ts: "2025-03-01T12:00:00.000Z",
  seq: 1,
  event: "PROMOTE",
  actor: "alice",
  outcome: "success",
  resource: "model/fraud-detector:v7",
  request_id: "7f0c1c1e-2b1a-4a53-9d2f-0c1f6c0d9a11",
  details: { from: "staging", to: "production" },
  prev_hash: AUDIT_GENESIS_HASH,
});

describe("audit record schema", () => {
  it("GIVEN a complete record WHEN validated THEN there are no problems", () => {
    expect(auditRecordProblems(good)).toEqual([]);
  });

  it("GIVEN a timestamp without milliseconds WHEN validated THEN it is still RFC 3339 UTC", () => {
    expect(auditRecordProblems({ ...good, ts: "2025-03-01T12:00:00Z" })).toEqual([]);
  });

  it.each([
    ["a missing actor", { actor: undefined }, "/actor: is required"],
    ["a missing hash", { hash: undefined }, "/hash: is required"],
    ["an unknown event", { event: "LOGOUT" }, '/event: must be one of "PROMOTE", "PREDICT", "REGISTRY", "LOGIN" (value: "LOGOUT")'],
    ["a lower-case event", { event: "login" }, '/event: must be one of "PROMOTE", "PREDICT", "REGISTRY", "LOGIN" (value: "login")'],
    ["an unknown outcome", { outcome: "ok" }, '/outcome: must be one of "success", "failure" (value: "ok")'],
    ["an actor starting with a space", { actor: " alice" }, '/actor: must match pattern "^\\S" (value: " alice")'],
    ["a timestamp with an offset", { ts: "2025-03-01T14:00:00+02:00" }, '/ts: must match pattern "Z$" (value: "2025-03-01T14:00:00+02:00")'],
    ["a timestamp that is not a date", { ts: "yesterdayZ" }, '/ts: must match format "date-time" (value: "yesterdayZ")'],
    ["seq 0", { seq: 0 }, "/seq: must be >= 1 (value: 0)"],
    ["a fractional seq", { seq: 1.5 }, "/seq: must be integer (value: 1.5)"],
    ["an upper-case hash", { hash: good.hash.toUpperCase() }, "/hash: must match pattern"],
    ["a short prev_hash", { prev_hash: "abc" }, '/prev_hash: must match pattern "^[0-9a-f]{64}$" (value: "abc")'],
    ["details that are a list", { details: ["x"] }, '/details: must be object (value: ["x"])'],
    ["an unknown field", { user: "bob" }, "/user: unknown field"],
  ])("GIVEN a record with %s WHEN validated THEN the problem names the field", (_name, change, expected) => {
    const record = JSON.parse(JSON.stringify({ ...good, ...change })) as unknown;
    const problems = auditRecordProblems(record);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });
});

describe("audit event schema (writer input)", () => {
  it("GIVEN only event, actor and outcome WHEN validated THEN it is enough", () => {
    expect(auditEventProblems({ event: "LOGIN", actor: "alice", outcome: "failure" })).toEqual([]);
  });

  it("GIVEN chain fields supplied by the caller WHEN validated THEN they are refused (only the writer sets them)", () => {
    expect(auditEventProblems({ event: "LOGIN", actor: "alice", outcome: "failure", seq: 9, hash: "x" })).toEqual([
      "/seq: unknown field",
      "/hash: unknown field",
    ]);
  });

  it("GIVEN nothing WHEN validated THEN every required field is reported", () => {
    expect(auditEventProblems({})).toEqual(["/event: is required", "/actor: is required", "/outcome: is required"]);
  });
});
