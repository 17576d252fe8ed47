/**
 * Regular expressions that Go programs compile (Alertmanager's `=~` matchers, Prometheus' relabel
 * `regex`), checked here in JavaScript. Go's regexp is RE2 (regexp/syntax): no lookarounds, no
 * backreferences, no `(?<name>` before Go 1.22, repeat counts up to 1000, and `]` first in a class
 * is a literal — so `[^]` is an unclosed class there while JavaScript reads "any character". The
 * check accepts the subset on which both agree: what RE2 compiles and JavaScript reads the same
 * way, so that JavaScript may answer questions about the pattern (does it match the empty string?).
 */

/** Escapes with one meaning in RE2 and in JavaScript: character classes, word boundaries, control characters, two-digit hex. */
const SHARED_ESCAPE = /^(\\[dDsSwWbBtnrfv]|\\x[0-9a-fA-F]{2}|\\[^0-9A-Za-z])/;
/** RE2's largest repeat count (Go regexp/syntax parse.go `repeat`: `min > 1000 || max > 1000` is ErrInvalidRepeatSize). */
const MAX_REPEAT = 1000;

/** Why RE2 would refuse `pattern`, or reads it otherwise than JavaScript; undefined when both accept it alike. */
export function re2Problem(pattern: string): string | undefined {
  for (let i = 0; i < pattern.length; ) {
    const rest = pattern.slice(i);
    if (rest.startsWith("\\")) {
      const escape = SHARED_ESCAPE.exec(rest);
      if (escape === null) return `uses the escape ${rest.slice(0, 2)}, which RE2 refuses (backreferences, \\k, \\c, \\u) or reads otherwise than JavaScript`;
      i += escape[0].length;
    } else if (rest.startsWith("(?")) {
      if (rest.startsWith("(?:")) i += 3;
      else if (/^\(\?<?[=!]/.test(rest)) return "uses a lookaround assertion, which RE2 does not support";
      else if (rest.startsWith("(?<")) return "uses a (?<name>) group, which the RE2 of Go before 1.22 does not support";
      else return `uses ${rest.slice(0, 3)}…, which only a non-capturing group (?:…) may start in both RE2 and JavaScript`;
    } else if (rest.startsWith("[")) {
      const end = classEnd(pattern, i);
      if (typeof end === "string") return end;
      i = end;
    } else if (rest.startsWith("{")) {
      const repeat = /^\{(\d+)(,(\d*))?\}/.exec(rest);
      if (repeat && Math.max(Number(repeat[1]), Number(repeat[3] || 0)) > MAX_REPEAT) return `repeats more than ${MAX_REPEAT} times, which RE2 refuses`;
      i += repeat ? repeat[0].length : 1;
    } else {
      i++;
    }
  }
  try {
    new RegExp(anchored(pattern));
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, "")}`;
  }
  return undefined;
}

/** The pattern as Alertmanager and Prometheus compile it: anchored at both ends (`^(?:…)$`). */
export function anchored(pattern: string): string {
  return `^(?:${pattern})$`;
}

/** Whether an anchored pattern (checked with `re2Problem` first) matches the empty string. */
export function matchesEmptyString(pattern: string): boolean {
  return new RegExp(anchored(pattern)).test("");
}

/** Index after the `]` that closes the class opened at `start`, or why RE2 and JavaScript read the class apart. */
function classEnd(pattern: string, start: number): number | string {
  let i = start + 1;
  if (pattern[i] === "^") i++;
  if (pattern[i] === "]") return "has a class starting with ] (RE2 reads a literal ] and needs another ]; JavaScript reads an empty class): write \\] instead";
  while (i < pattern.length && pattern[i] !== "]") {
    if (pattern.startsWith("[:", i)) return "has [: in a class (a POSIX class in RE2, literal characters in JavaScript)";
    if (pattern[i] === "\\") {
      const escape = SHARED_ESCAPE.exec(pattern.slice(i));
      if (escape === null) return `uses the escape ${pattern.slice(i, i + 2)} in a class, which RE2 refuses or reads otherwise than JavaScript`;
      i += escape[0].length;
    } else i++;
  }
  return i < pattern.length ? i + 1 : "is missing a closing ] (RE2: missing closing ])";
}
