import { appendFileSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { formatLine, sealRecord } from "../../src/audit/chain.js";
import { AuditLogError } from "../../src/audit/errors.js";
import type { AuditRecord } from "../../src/audit/record-schema.js";
import { verifyAuditLog } from "../../src/audit/verify.js";
import { auditLogFixture } from "./audit-log-fixture.js";

const fixture = auditLogFixture();
afterAll(() => fixture.remove());

/** A log of five good records, changed by `edit`, then verified. */
async function verifyAfter(edit: (lines: string[]) => string[]) {
  const file = await fixture.withRecords(5);
  fixture.writeLines(file, edit(fixture.lines(file)));
  return verifyAuditLog(file);
}

const parse = (line: string | undefined) => JSON.parse(line ?? "") as AuditRecord;

describe("verifyAuditLog", () => {
  it("GIVEN a log written by the writer WHEN verified THEN every record is valid and the head is the last line", async () => {
    const file = await fixture.withRecords(5);
    const last = parse(fixture.lines(file)[4]);
    expect(await verifyAuditLog(file)).toEqual({ validRecords: 5, head: { seq: 5, hash: last.hash } });
  });

  it("GIVEN an empty file WHEN verified THEN it is a valid log of no records", async () => {
    const file = fixture.path();
    writeFileSync(file, "");
    expect(await verifyAuditLog(file)).toEqual({ validRecords: 0 });
  });

  it("GIVEN a missing file WHEN verified THEN it fails naming the file", async () => {
    const file = fixture.path("missing.log");
    await expect(verifyAuditLog(file)).rejects.toThrow(AuditLogError);
    await expect(verifyAuditLog(file)).rejects.toThrow(/missing\.log.*ENOENT/);
  });

  it("GIVEN line 3 edited (actor changed) WHEN verified THEN line 3 is reported: its hash no longer matches", async () => {
    const result = await verifyAfter((lines) => lines.map((l, i) => (i === 2 ? l.replace(/"actor":"user-2"/, '"actor":"mallory"') : l)));
    expect(result.problem).toEqual({ line: 3, reason: expect.stringMatching(/hash does not match/) });
    expect(result.validRecords).toBe(2);
  });

  it("GIVEN line 3 edited and its hash recomputed WHEN verified THEN line 4 is reported: its prev_hash no longer links", async () => {
    const result = await verifyAfter((lines) =>
      lines.map((l, i) => (i === 2 ? formatLine(sealRecord({ ...parse(l), actor: "mallory" })) : l)),
    );
    expect(result.problem).toEqual({ line: 4, reason: expect.stringMatching(/prev_hash is not the hash of the line before/) });
  });

  it("GIVEN line 3 deleted WHEN verified THEN line 3 is reported with the seq it expected", async () => {
    const result = await verifyAfter((lines) => lines.filter((_l, i) => i !== 2));
    expect(result.problem).toEqual({ line: 3, reason: expect.stringMatching(/seq is 4, expected 3/) });
  });

  it("GIVEN the first line deleted WHEN verified THEN line 1 is reported", async () => {
    const result = await verifyAfter((lines) => lines.slice(1));
    expect(result.problem).toEqual({ line: 1, reason: expect.stringMatching(/seq is 2, expected 1/) });
  });

  it("GIVEN lines 2 and 3 swapped WHEN verified THEN line 2 is reported", async () => {
    const result = await verifyAfter(([a, b, c, ...rest]) => [a, c, b, ...rest] as string[]);
    expect(result.problem).toEqual({ line: 2, reason: expect.stringMatching(/seq is 3, expected 2/) });
  });

  it("GIVEN a forged but self-consistent line inserted after line 2 WHEN verified THEN the line after it is reported", async () => {
    const result = await verifyAfter((lines) => {
      const second = parse(lines[1]);
      const forged = sealRecord({ ...parse(lines[2]), actor: "mallory", seq: 3, prev_hash: second.hash });
      return [...lines.slice(0, 2), formatLine(forged), ...lines.slice(2)];
    });
    expect(result.problem).toEqual({ line: 4, reason: expect.stringMatching(/seq is 3, expected 4/) });
  });

  it("GIVEN line 2 duplicated WHEN verified THEN the copy is reported", async () => {
    const result = await verifyAfter((lines) => [...lines.slice(0, 2), lines[1] as string, ...lines.slice(2)]);
    expect(result.problem).toEqual({ line: 3, reason: expect.stringMatching(/seq is 2, expected 3/) });
  });

  it("GIVEN the last line cut in half WHEN verified THEN the last line is reported as incomplete", async () => {
    const file = await fixture.withRecords(5);
    const lines = fixture.lines(file);
    const last = lines.pop() ?? "";
    writeFileSync(file, `${lines.join("\n")}\n${last.slice(0, 40)}`);
    const result = await verifyAuditLog(file);
    expect(result.problem).toEqual({ line: 5, reason: expect.stringMatching(/incomplete/) });
    expect(result.validRecords).toBe(4);
  });

  it("GIVEN whitespace added inside a line WHEN verified THEN the line is reported as not in the writer's format", async () => {
    const result = await verifyAfter((lines) => lines.map((l, i) => (i === 1 ? l.replace('"seq":2,', '"seq": 2, ') : l)));
    expect(result.problem).toEqual({ line: 2, reason: expect.stringMatching(/not in the writer's format/) });
  });

  it.each([
    ["an empty line", "", /empty/],
    ["a line that is not JSON", "hello", /not valid JSON/],
    ["a JSON line that is not a record", `{"event":"LOGIN"}`, /not a valid audit record: \/ts: is required/],
  ])("GIVEN %s appended WHEN verified THEN line 6 is reported", async (_name, line, reason) => {
    const file = await fixture.withRecords(5);
    appendFileSync(file, `${line}\n`);
    expect((await verifyAuditLog(file)).problem).toEqual({ line: 6, reason: expect.stringMatching(reason) });
  });

  it("GIVEN bytes that are not UTF-8 WHEN verified THEN the line is reported", async () => {
    const file = await fixture.withRecords(2);
    appendFileSync(file, Buffer.from([0xff, 0xfe, 0x0a]));
    expect((await verifyAuditLog(file)).problem).toEqual({ line: 3, reason: expect.stringMatching(/UTF-8/) });
  });

  it("GIVEN the last lines cut at a line boundary WHEN verified THEN it passes with a lower head (the documented limit: compare heads)", async () => {
    const result = await verifyAfter((lines) => lines.slice(0, 3));
    expect(result.problem).toBeUndefined();
    expect(result.head?.seq).toBe(3);
  });
});
