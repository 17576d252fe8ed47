import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/audit/canonical-json.js";
import { recordHash } from "../../src/audit/chain.js";
import type { AuditRecord } from "../../src/audit/record-schema.js";

describe("canonicalJson", () => {
  it("GIVEN nested objects in any key order WHEN serialised THEN keys are sorted at every level with no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { z: [3, { y: true, x: null }], é: "x", A: 1.5 } })).toBe(
      '{"a":{"A":1.5,"z":[3,{"x":null,"y":true}],"é":"x"},"b":1}',
    );
  });

  it("GIVEN keys that sort differently by code point and by UTF-16 unit WHEN serialised THEN UTF-16 order wins (RFC 8785)", () => {
    // U+FF5E is one UTF-16 unit (0xFF5E); U+1F600 is a surrogate pair starting 0xD83D, so it sorts first.
    expect(canonicalJson({ "\uff5e": 1, "\u{1f600}": 2 })).toBe('{"\u{1f600}":2,"\uff5e":1}');
  });

  it("GIVEN values JSON cannot hold WHEN serialised THEN it throws instead of hashing something unreadable", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ a: undefined })).toThrow(/undefined/);
  });
});

describe("recordHash", () => {
  it("GIVEN a record WHEN hashed THEN it is SHA-256 of the hand-written canonical form without the hash field", () => {
    const record = {
      ts: "2025-03-01T12:00:00.000Z",
      seq: 1,
      event: "LOGIN",
      actor: "alice",
      outcome: "failure",
      resource: "",
      request_id: "r-1",
      details: { ip: "10.0.0.7" },
      prev_hash: "0".repeat(64),
      hash: "ignored",
    } as AuditRecord;
    const canonical = `{"actor":"alice","details":{"ip":"10.0.0.7"},"event":"LOGIN","outcome":"failure","prev_hash":"${"0".repeat(64)}","request_id":"r-1","resource":"","seq":1,"ts":"2025-03-01T12:00:00.000Z"}`;
    expect(recordHash(record)).toBe(createHash("sha256").update(canonical).digest("hex"));
  });
});
