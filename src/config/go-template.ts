import { GO_TEMPLATE_BUILTINS, type GoTemplateConsumer } from "./go-template-consumers.js";

/**
 * A parse check of Go `text/template` text, as Prometheus and Alertmanager parse it (Go's
 * text/template/parse lex.go and parse.go at Go 1.19, which builds Prometheus 2.42 and
 * Alertmanager 0.25). It follows the action grammar only far enough to find what the real parser
 * refuses: unclosed actions, strings, comments and parentheses; unbalanced
 * `if`/`with`/`range`/`define`/`block` and `end`/`else`; `break`/`continue` outside `range`;
 * undefined functions and variables; bad numbers; misplaced tokens. It builds no tree and runs
 * nothing. tests/config/go-template.test.ts holds it to promtool's own verdicts.
 */

/** The first reason `consumer` cannot parse `text`, with its line and column in `text`; undefined when it parses. */
export function goTemplateProblem(text: string, consumer: GoTemplateConsumer): string | undefined {
  try {
    new TemplateParser(text, consumer).parse();
    return undefined;
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return error.message;
    throw error;
  }
}

class TemplateSyntaxError extends Error {}

type ItemType =
  | "text" | "leftDelim" | "rightDelim" | "comment" | "space" | "identifier" | "keyword" | "field" | "variable" | "dot" | "bool"
  | "number" | "string" | "rawString" | "char" | "charConstant" | "pipe" | "leftParen" | "rightParen" | "assign" | "declare" | "eof";
interface Item {
  readonly type: ItemType;
  readonly value: string;
  readonly pos: number;
}

const KEYWORDS = new Set(["block", "break", "continue", "define", "else", "end", "if", "range", "nil", "template", "with"]);
const LEFT = "{{";
const RIGHT = "}}";
const SPACE = /[ \t\r\n]/;
const ALPHANUMERIC = /[\p{L}\p{Nd}_]/u;
/** Go's number literals, as scanNumber accepts them and strconv then parses (int, float, hex float, imaginary). */
const NUMBER =
  /^[+-]?(0[xX](_?[0-9a-fA-F])*(\.([0-9a-fA-F](_?[0-9a-fA-F])*)?)?([pP][+-]?[0-9](_?[0-9])*)?|0[bB](_?[01])+|0[oO](_?[0-7])+|([0-9](_?[0-9])*)?(\.([0-9](_?[0-9])*)?)?([eE][+-]?[0-9](_?[0-9])*)?)i?$/;

/** Escapes of a Go string or character literal, as strconv.Unquote accepts them: the quote escaped is the literal's own. */
const goEscape = (quote: string) => `\\\\([abfnrtv\\\\${quote}]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-3][0-7]{2})`;
const GO_STRING = new RegExp(`^([^\\\\]|${goEscape('"')})*$`, "u");
const GO_CHARACTER = new RegExp(`^([^\\\\]|${goEscape("'")})$`, "u");

/** Go's lexer (text/template/parse/lex.go), producing every item at once. */
function lex(text: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  const fail = (message: string, at = pos): never => {
    throw new TemplateSyntaxError(`${message} (at ${lineColumn(text, at)})`);
  };
  const emit = (type: ItemType, start: number, end: number) => items.push({ type, value: text.slice(start, end), pos: start });
  const atRightDelim = (at: number): { delim: boolean; length: number } => {
    if (text.startsWith(` -${RIGHT}`, at) || text.startsWith(`\t-${RIGHT}`, at) || text.startsWith(`\r-${RIGHT}`, at) || text.startsWith(`\n-${RIGHT}`, at)) {
      return { delim: true, length: 4 };
    }
    return text.startsWith(RIGHT, at) ? { delim: true, length: 2 } : { delim: false, length: 0 };
  };
  const atTerminator = (at: number): boolean => {
    const c = text[at];
    return c === undefined || SPACE.test(c) || ".,|:()".includes(c) || atRightDelim(at).delim;
  };
  while (pos < text.length) {
    const left = text.indexOf(LEFT, pos);
    if (left < 0) {
      emit("text", pos, text.length);
      break;
    }
    if (left > pos) emit("text", pos, left);
    emit("leftDelim", left, left + 2);
    pos = left + 2;
    if (text[pos] === "-" && SPACE.test(text[pos + 1] ?? "")) {
      pos += 2;
      while (SPACE.test(text[pos] ?? "")) pos++;
    }
    if (text.startsWith("/*", pos)) {
      const close = text.indexOf("*/", pos + 2);
      if (close < 0) fail("unclosed comment", pos);
      const { delim, length } = atRightDelim(close + 2);
      if (!delim) fail("comment ends before closing delimiter", close);
      emit("comment", pos, close + 2);
      emit("rightDelim", close + 2, close + 2 + length);
      pos = close + 2 + length;
      continue;
    }
    let parenDepth = 0;
    for (;;) {
      const { delim, length } = atRightDelim(pos);
      if (delim) {
        if (parenDepth !== 0) fail("unclosed left paren");
        emit("rightDelim", pos, pos + length);
        pos += length;
        break;
      }
      const c = text[pos];
      const start = pos;
      if (c === undefined) fail("unclosed action", left);
      else if (SPACE.test(c)) {
        while (SPACE.test(text[pos] ?? "") && !atRightDelim(pos).delim) pos++;
        if (pos === start) pos++; // a space before the trim marker is the marker's
        emit("space", start, pos);
      } else if (c === "=") {
        emit("assign", pos, ++pos);
      } else if (c === ":") {
        if (text[pos + 1] !== "=") fail("expected :=");
        emit("declare", pos, (pos += 2));
      } else if (c === "|") {
        emit("pipe", pos, ++pos);
      } else if (c === '"' || c === "'") {
        pos++;
        for (;;) {
          const d = text[pos];
          if (d === "\\" && text[pos + 1] !== undefined && text[pos + 1] !== "\n") pos += 2;
          else if (d === undefined || d === "\n") fail(c === '"' ? "unterminated quoted string" : "unterminated character constant", start);
          else if (d === c) break;
          else pos++;
        }
        pos++;
        const body = text.slice(start + 1, pos - 1);
        if (!(c === '"' ? GO_STRING : GO_CHARACTER).test(body)) fail(`invalid syntax: ${text.slice(start, pos)}`, start);
        emit(c === '"' ? "string" : "charConstant", start, pos);
      } else if (c === "`") {
        const close = text.indexOf("`", pos + 1);
        if (close < 0) fail("unterminated raw quoted string", start);
        pos = close + 1;
        emit("rawString", start, pos);
      } else if (c === "$" || (c === "." && !/[0-9]/.test(text[pos + 1] ?? ""))) {
        pos++;
        while (ALPHANUMERIC.test(text[pos] ?? "")) pos++;
        if (!atTerminator(pos)) fail(`bad character ${JSON.stringify(text[pos])}`);
        emit(c === "$" ? "variable" : pos - start === 1 ? "dot" : "field", start, pos);
      } else if (c === "+" || c === "-" || c === "." || /[0-9]/.test(c)) {
        pos++;
        while (/[0-9a-zA-Z_.+-]/.test(text[pos] ?? "") && !(/[+-]/.test(text[pos] ?? "") && !/[eEpP]/.test(text[pos - 1] ?? ""))) pos++;
        const number = text.slice(start, pos);
        if (!NUMBER.test(number) || !/[0-9]/.test(number) || ALPHANUMERIC.test(text[pos] ?? "")) fail(`bad number syntax: ${JSON.stringify(number)}`, start);
        emit("number", start, pos);
      } else if (ALPHANUMERIC.test(c)) {
        while (ALPHANUMERIC.test(text[pos] ?? "")) pos++;
        if (!atTerminator(pos)) fail(`bad character ${JSON.stringify(text[pos])}`);
        const word = text.slice(start, pos);
        emit(KEYWORDS.has(word) ? "keyword" : word === "true" || word === "false" ? "bool" : "identifier", start, pos);
      } else if (c === "(") {
        parenDepth++;
        emit("leftParen", pos, ++pos);
      } else if (c === ")") {
        if (--parenDepth < 0) fail("unexpected right paren");
        emit("rightParen", pos, ++pos);
      } else if (c >= " " && c <= "~") {
        emit("char", pos, ++pos);
      } else {
        fail(`unrecognized character in action: ${JSON.stringify(c)}`);
      }
    }
  }
  items.push({ type: "eof", value: "", pos: text.length });
  return items;
}

/** Go's parser (text/template/parse/parse.go), keeping only what decides acceptance. */
class TemplateParser {
  private readonly items: Item[];
  private index = 0;
  private readonly functions: Set<string>;
  private variables: string[];
  private rangeDepth = 0;
  /** The last `{{end}}` or `{{else}}`, for messages about it. */
  private ending: Item | undefined;

  constructor(
    private readonly text: string,
    consumer: GoTemplateConsumer,
  ) {
    this.items = lex(text);
    this.functions = new Set([...GO_TEMPLATE_BUILTINS, ...consumer.functions]);
    this.variables = ["$", ...consumer.variables.map((name) => `$${name}`)];
  }

  parse(): void {
    while (this.peek().type !== "eof") {
      if (this.peek().type === "leftDelim") {
        const delim = this.next();
        if (this.nextNonSpace().type === "keyword" && this.current().value === "define") {
          this.definition("define");
          continue;
        }
        this.index = this.items.indexOf(delim);
      }
      const ended = this.textOrAction();
      if (ended !== undefined) this.fail(`unexpected {{${ended}}}`, this.ending as Item);
    }
  }

  /** `{{define "name"}}…{{end}}` and the body of `{{block}}`: a fresh scope that sees only `$`. */
  private definition(context: string): void {
    if (context === "define") {
      this.expectOneOf(["string", "rawString"], "define clause");
      this.expect("rightDelim", "define clause");
    }
    const saved = this.variables;
    this.variables = ["$"];
    const ended = this.itemList();
    if (ended !== "end") this.fail(`unexpected {{${ended}}} in ${context}`, this.ending as Item);
    this.variables = saved;
  }

  /** Items until `{{end}}` or `{{else}}`, whichever ends the list. */
  private itemList(): "end" | "else" {
    for (;;) {
      if (this.peekNonSpace().type === "eof") this.fail("unexpected EOF", this.peek());
      const ended = this.textOrAction();
      if (ended !== undefined) return ended;
    }
  }

  private textOrAction(): "end" | "else" | undefined {
    const token = this.nextNonSpace();
    if (token.type === "text") return undefined;
    if (token.type === "leftDelim") return this.action();
    return this.unexpected(token, "input");
  }

  private action(): "end" | "else" | undefined {
    const token = this.nextNonSpace();
    if (token.type === "comment") {
      this.expect("rightDelim", "comment");
      return undefined;
    }
    if (token.type === "keyword") {
      switch (token.value) {
        case "block":
          this.expectOneOf(["string", "rawString"], "block clause");
          this.pipeline("block", "rightDelim");
          this.definition("block");
          return undefined;
        case "break":
        case "continue":
          if (this.nextNonSpace().type !== "rightDelim") this.unexpected(this.current(), `{{${token.value}}}`);
          if (this.rangeDepth === 0) this.fail(`{{${token.value}}} outside {{range}}`, token);
          return undefined;
        case "else":
          // `{{else if …}}` leaves the `if` for the enclosing control (only an `if` takes it).
          this.ending = token;
          if (this.peekNonSpace().type === "keyword" && this.peekNonSpace().value === "if") return "else";
          this.expect("rightDelim", "else");
          return "else";
        case "end":
          this.ending = token;
          this.expect("rightDelim", "end");
          return "end";
        case "if":
        case "range":
        case "with":
          this.control(token.value);
          return undefined;
        case "template":
          this.expectOneOf(["string", "rawString"], "template clause");
          if (this.nextNonSpace().type !== "rightDelim") {
            this.backup();
            this.pipeline("template", "rightDelim");
          }
          return undefined;
      }
    }
    this.backup();
    this.pipeline("command", "rightDelim");
    return undefined;
  }

  private control(context: "if" | "range" | "with"): void {
    const saved = this.variables.length;
    this.pipeline(context, "rightDelim");
    if (context === "range") this.rangeDepth++;
    const ended = this.itemList();
    if (context === "range") this.rangeDepth--;
    if (ended === "else") {
      const elseIf = this.peek().type === "keyword" && this.peek().value === "if";
      if (context === "if" && elseIf) {
        this.next();
        this.control("if");
      } else if (this.itemList() !== "end") {
        this.fail("expected end; found {{else}}", this.ending as Item);
      }
    }
    this.variables.length = saved;
  }

  private pipeline(context: string, end: "rightDelim" | "rightParen"): void {
    this.declarations(context);
    let commands = 0;
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        if (commands === 0) this.fail(`missing value for ${context}`, token);
        return;
      }
      if (["bool", "charConstant", "dot", "field", "identifier", "number", "rawString", "string", "variable", "leftParen"].includes(token.type)
        || (token.type === "keyword" && token.value === "nil")) {
        this.backup();
        const first = this.command();
        commands++;
        if (commands > 1 && ["bool", "dot", "nil", "number", "string"].includes(first)) this.fail(`non executable command in pipeline stage ${commands}`, token);
      } else {
        this.unexpected(token, context);
      }
    }
  }

  /** `$x :=`, `$x =`, and in `range` `$i, $x :=`. */
  private declarations(context: string): void {
    for (let declared = 0; ; ) {
      const variable = this.peekNonSpace();
      if (variable.type !== "variable") return;
      const start = this.index;
      this.nextNonSpace();
      const after = this.nextNonSpace();
      if (after.type === "assign" || after.type === "declare") {
        this.variables.push(variable.value);
        return;
      }
      if (after.type === "char" && after.value === ",") {
        this.variables.push(variable.value);
        declared++;
        if (context === "range" && declared < 2) {
          const following = this.peekNonSpace().type;
          if (following === "variable" || following === "rightDelim" || following === "rightParen") continue;
          this.fail("range can only initialize variables", this.peekNonSpace());
        }
        this.fail(`too many declarations in ${context}`, after);
      }
      this.index = start;
      return;
    }
  }

  /** One command: operands up to `|`, `}}` or `)`; returns the kind of its first operand. */
  private command(): string {
    let first: string | undefined;
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      first ??= operand;
      const token = this.next();
      if (token.type === "space") continue;
      if (token.type === "rightDelim" || token.type === "rightParen") this.backup();
      else if (token.type !== "pipe") this.unexpected(token, "operand");
      break;
    }
    if (first === undefined) this.fail("empty command", this.current());
    return first as string;
  }

  private operand(): string | undefined {
    const term = this.term();
    if (term === undefined) return undefined;
    if (this.peek().type === "field") {
      while (this.peek().type === "field") this.next();
      if (["bool", "string", "number", "nil", "dot"].includes(term)) this.fail("unexpected . after term", this.current());
      return term === "variable" ? "variable" : "chain";
    }
    return term;
  }

  private term(): string | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case "identifier":
        if (!this.functions.has(token.value)) this.fail(`function ${JSON.stringify(token.value)} not defined`, token);
        return "identifier";
      case "variable": {
        const name = token.value;
        if (!this.variables.includes(name)) this.fail(`undefined variable ${JSON.stringify(name)}`, token);
        return "variable";
      }
      case "leftParen":
        this.pipeline("parenthesized pipeline", "rightParen");
        return "pipeline";
      case "string":
      case "rawString":
        return "string";
      case "charConstant":
        return "number";
      case "keyword":
        if (token.value === "nil") return "nil";
        break;
      case "dot":
      case "field":
      case "bool":
      case "number":
        return token.type;
    }
    this.backup();
    return undefined;
  }

  private expect(type: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  private expectOneOf(types: ItemType[], context: string): Item {
    const token = this.nextNonSpace();
    if (!types.includes(token.type)) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Item, context: string): never {
    if (token.type === "eof") this.fail(`unexpected EOF in ${context}`, token);
    return this.fail(`unexpected ${JSON.stringify(token.value)} in ${context}`, token);
  }

  private fail(message: string, token: Item): never {
    throw new TemplateSyntaxError(`${message} (at ${lineColumn(this.text, token.pos)})`);
  }

  private peek(): Item {
    return this.items[this.index] as Item;
  }

  private next(): Item {
    const item = this.peek();
    if (item.type !== "eof") this.index++;
    return item;
  }

  private current(): Item {
    return this.items[Math.max(0, this.index - 1)] as Item;
  }

  private backup(): void {
    this.index--;
  }

  private nextNonSpace(): Item {
    let item = this.next();
    while (item.type === "space") item = this.next();
    return item;
  }

  private peekNonSpace(): Item {
    const item = this.nextNonSpace();
    if (item.type !== "eof") this.backup();
    return item;
  }
}

function lineColumn(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  return `${line}:${pos - before.lastIndexOf("\n")}`;
}
