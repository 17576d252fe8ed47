/**
 * A small parser of the Alloy configuration syntax (blocks, attributes, literals, lists, objects,
 * references, function calls, `+`), enough to check generated configurations structurally: it
 * rejects unbalanced braces, missing `=`, bad string escapes and stray tokens, and returns the
 * tree so tests can read attributes and check that component references resolve.
 * Grammar: https://grafana.com/docs/alloy/latest/get-started/configuration-syntax/
 */

export type AlloyValue =
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "number"; readonly value: number }
  | { readonly type: "bool"; readonly value: boolean }
  | { readonly type: "null" }
  | { readonly type: "list"; readonly items: readonly AlloyValue[] }
  | { readonly type: "object"; readonly entries: ReadonlyMap<string, AlloyValue> }
  | { readonly type: "ref"; readonly path: string }
  | { readonly type: "call"; readonly name: string; readonly args: readonly AlloyValue[] }
  | { readonly type: "add"; readonly left: AlloyValue; readonly right: AlloyValue };

export interface AlloyBlock {
  /** Dotted block name, e.g. `loki.process` or `stage.match`. */
  readonly name: string;
  readonly label?: string;
  readonly attributes: ReadonlyMap<string, AlloyValue>;
  readonly blocks: readonly AlloyBlock[];
}

type Token = { kind: "ident" | "string" | "number" | "punct"; text: string; line: number };

const PUNCT = new Set(["{", "}", "[", "]", "(", ")", "=", ",", ".", "+"]);
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f" };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "\n") { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (text.startsWith("//", i)) { while (i < text.length && text[i] !== "\n") i++; continue; }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ kind: "ident", text: m[0], line });
      i += m[0].length;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ kind: "number", text: m[0], line });
      i += m[0].length;
      continue;
    }
    if (c === '"') {
      let value = "";
      i++;
      for (;;) {
        const d = text[i];
        if (d === undefined || d === "\n") throw new Error(`line ${line}: unterminated string`);
        if (d === '"') { i++; break; }
        if (d === "\\") {
          const e = text[i + 1] as string;
          if (e === "u") { value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)); i += 6; continue; }
          const decoded = ESCAPES[e];
          if (decoded === undefined) throw new Error(`line ${line}: invalid escape \\${e}`);
          value += decoded;
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      tokens.push({ kind: "string", text: value, line });
      continue;
    }
    if (PUNCT.has(c)) { tokens.push({ kind: "punct", text: c, line }); i++; continue; }
    throw new Error(`line ${line}: unexpected character ${JSON.stringify(c)}`);
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  body(closing?: string): { attributes: Map<string, AlloyValue>; blocks: AlloyBlock[] } {
    const attributes = new Map<string, AlloyValue>();
    const blocks: AlloyBlock[] = [];
    while (!this.atEnd() && !(closing !== undefined && this.peekIs(closing))) {
      const name = this.dottedName();
      if (this.peekIs("=")) {
        if (name.includes(".")) this.fail(`attribute name ${name} may not be dotted`);
        this.next();
        if (attributes.has(name)) this.fail(`attribute ${name} set twice`);
        attributes.set(name, this.expression());
        continue;
      }
      const label = this.peek()?.kind === "string" ? this.next().text : undefined;
      this.expect("{");
      const inner = this.body("}");
      this.expect("}");
      blocks.push({ name, ...(label !== undefined ? { label } : {}), ...inner });
    }
    if (closing === undefined && !this.atEnd()) this.fail("unexpected token");
    return { attributes, blocks };
  }

  private expression(): AlloyValue {
    let left = this.primary();
    while (this.peekIs("+")) {
      this.next();
      left = { type: "add", left, right: this.primary() };
    }
    return left;
  }

  private primary(): AlloyValue {
    const token = this.next();
    if (token.kind === "string") return { type: "string", value: token.text };
    if (token.kind === "number") return { type: "number", value: Number(token.text) };
    if (token.kind === "punct" && token.text === "[") {
      const items: AlloyValue[] = [];
      while (!this.peekIs("]")) {
        items.push(this.expression());
        if (!this.peekIs("]")) this.expect(",");
      }
      this.expect("]");
      return { type: "list", items };
    }
    if (token.kind === "punct" && token.text === "{") {
      const entries = new Map<string, AlloyValue>();
      while (!this.peekIs("}")) {
        const key = this.next();
        if (key.kind !== "string" && key.kind !== "ident") this.fail("object key expected");
        this.expect("=");
        entries.set(key.text, this.expression());
        if (!this.peekIs("}")) this.expect(",");
      }
      this.expect("}");
      return { type: "object", entries };
    }
    if (token.kind === "ident") {
      if (token.text === "true" || token.text === "false") return { type: "bool", value: token.text === "true" };
      if (token.text === "null") return { type: "null" };
      this.position--;
      const path = this.dottedName();
      if (!this.peekIs("(")) return { type: "ref", path };
      this.next();
      const args: AlloyValue[] = [];
      while (!this.peekIs(")")) {
        args.push(this.expression());
        if (!this.peekIs(")")) this.expect(",");
      }
      this.expect(")");
      return { type: "call", name: path, args };
    }
    return this.fail(`unexpected ${JSON.stringify(token.text)}`);
  }

  private dottedName(): string {
    const parts = [this.identifier()];
    while (this.peekIs(".")) {
      this.next();
      parts.push(this.identifier());
    }
    return parts.join(".");
  }

  private identifier(): string {
    const token = this.next();
    if (token.kind !== "ident") this.fail(`identifier expected, found ${JSON.stringify(token.text)}`);
    return token.text;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.kind !== "punct" || token.text !== text) this.fail(`expected ${text}, found ${JSON.stringify(token.text)}`);
  }

  private peek(): Token | undefined { return this.tokens[this.position]; }
  private peekIs(text: string): boolean { const t = this.peek(); return t?.kind === "punct" && t.text === text; }
  private atEnd(): boolean { return this.position >= this.tokens.length; }
  private next(): Token {
    const token = this.tokens[this.position++];
    if (token === undefined) throw new Error("unexpected end of configuration");
    return token;
  }
  private fail(message: string): never {
    throw new Error(`line ${this.tokens[Math.max(0, this.position - 1)]?.line ?? 0}: ${message}`);
  }
}

/** Parses an Alloy configuration into its top-level blocks; throws with a line number on a syntax error. */
export function parseAlloy(text: string): AlloyBlock[] {
  const parser = new Parser(tokenize(text));
  const { attributes, blocks } = parser.body();
  if (attributes.size > 0) throw new Error(`top-level attributes are not allowed: ${[...attributes.keys()].join(", ")}`);
  return blocks;
}

/** Every reference (`a.b.c`) anywhere in a block tree. */
export function references(blocks: readonly AlloyBlock[]): string[] {
  const found: string[] = [];
  const visit = (value: AlloyValue): void => {
    if (value.type === "ref") found.push(value.path);
    else if (value.type === "list") value.items.forEach(visit);
    else if (value.type === "object") [...value.entries.values()].forEach(visit);
    else if (value.type === "call") value.args.forEach(visit);
    else if (value.type === "add") { visit(value.left); visit(value.right); }
  };
  const walk = (block: AlloyBlock): void => {
    [...block.attributes.values()].forEach(visit);
    block.blocks.forEach(walk);
  };
  blocks.forEach(walk);
  return found;
}
