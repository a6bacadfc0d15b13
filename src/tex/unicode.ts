/**
 * Plain-Unicode reading of simple inline TeX formulas (`$x_1$` → `x₁`, `$\mathbb{R}^n$` → `ℝⁿ`).
 *
 * Conservative by design: anything Unicode cannot write exactly (fractions, roots, accents,
 * matrices, \left…\right, limits on big operators, scripts without a Unicode sub/superscript form,
 * unknown macros, …) returns null, and the caller renders an image instead. Letters are not
 * italicized. Spacing follows TeX's atom classes: relations and binary operators get a space on
 * each side, punctuation a space after it, operator names a space before a following operand.
 */
import { texTokens } from "./lexer.js";

type Cls = "ord" | "op" | "bin" | "rel" | "open" | "close" | "punct";

interface Atom {
  text: string;
  cls: Cls;
  /** Superscript / subscript as already-converted plain text (mapped to script forms at output). */
  sup?: string;
  sub?: string;
  /** Big operators and \max-like names: scripts would be limits, which Unicode cannot show. */
  noScripts?: boolean;
  /** An explicit space (\, \quad ~ …). */
  space?: boolean;
}

/** Thrown internally to abandon a conversion. */
class NoUnicode extends Error {}

const fail = (): never => {
  throw new NoUnicode();
};

// ---------------------------------------------------------------------------------------------
// Tables

const GREEK: Record<string, string> = {
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ϵ", varepsilon: "ε", zeta: "ζ", eta: "η",
  theta: "θ", vartheta: "ϑ", iota: "ι", kappa: "κ", varkappa: "ϰ", lambda: "λ", mu: "μ", nu: "ν",
  xi: "ξ", omicron: "ο", pi: "π", varpi: "ϖ", rho: "ρ", varrho: "ϱ", sigma: "σ", varsigma: "ς",
  tau: "τ", upsilon: "υ", phi: "ϕ", varphi: "φ", chi: "χ", psi: "ψ", omega: "ω",
  Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Xi: "Ξ", Pi: "Π", Sigma: "Σ", Upsilon: "Υ",
  Phi: "Φ", Psi: "Ψ", Omega: "Ω", digamma: "ϝ",
};

const SYMBOLS: Record<string, [string, Cls]> = {
  // relations
  leq: ["≤", "rel"], le: ["≤", "rel"], geq: ["≥", "rel"], ge: ["≥", "rel"], neq: ["≠", "rel"], ne: ["≠", "rel"],
  leqslant: ["⩽", "rel"], geqslant: ["⩾", "rel"], ll: ["≪", "rel"], gg: ["≫", "rel"],
  approx: ["≈", "rel"], equiv: ["≡", "rel"], sim: ["∼", "rel"], simeq: ["≃", "rel"], cong: ["≅", "rel"],
  propto: ["∝", "rel"], doteq: ["≐", "rel"], asymp: ["≍", "rel"], prec: ["≺", "rel"], succ: ["≻", "rel"],
  preceq: ["⪯", "rel"], succeq: ["⪰", "rel"],
  in: ["∈", "rel"], notin: ["∉", "rel"], ni: ["∋", "rel"], subset: ["⊂", "rel"], subseteq: ["⊆", "rel"],
  supset: ["⊃", "rel"], supseteq: ["⊇", "rel"], subsetneq: ["⊊", "rel"], supsetneq: ["⊋", "rel"],
  to: ["→", "rel"], rightarrow: ["→", "rel"], leftarrow: ["←", "rel"], gets: ["←", "rel"],
  leftrightarrow: ["↔", "rel"], Rightarrow: ["⇒", "rel"], Leftarrow: ["⇐", "rel"],
  Leftrightarrow: ["⇔", "rel"], longrightarrow: ["⟶", "rel"], longleftarrow: ["⟵", "rel"],
  Longrightarrow: ["⟹", "rel"], Longleftarrow: ["⟸", "rel"], implies: ["⟹", "rel"], impliedby: ["⟸", "rel"],
  iff: ["⟺", "rel"], mapsto: ["↦", "rel"], uparrow: ["↑", "rel"], downarrow: ["↓", "rel"],
  mid: ["∣", "rel"], parallel: ["∥", "rel"], perp: ["⊥", "rel"], models: ["⊨", "rel"], vdash: ["⊢", "rel"],
  coloneqq: ["≔", "rel"],
  // binary operators
  pm: ["±", "bin"], mp: ["∓", "bin"], times: ["×", "bin"], cdot: ["·", "bin"], div: ["÷", "bin"],
  ast: ["∗", "bin"], star: ["⋆", "bin"], circ: ["∘", "bin"], bullet: ["∙", "bin"], cup: ["∪", "bin"],
  cap: ["∩", "bin"], setminus: ["∖", "bin"], wedge: ["∧", "bin"], land: ["∧", "bin"], vee: ["∨", "bin"],
  lor: ["∨", "bin"], oplus: ["⊕", "bin"], ominus: ["⊖", "bin"], otimes: ["⊗", "bin"], odot: ["⊙", "bin"],
  // ordinary symbols
  infty: ["∞", "ord"], partial: ["∂", "ord"], nabla: ["∇", "ord"], forall: ["∀", "ord"], exists: ["∃", "ord"],
  nexists: ["∄", "ord"], emptyset: ["∅", "ord"], varnothing: ["∅", "ord"], neg: ["¬", "ord"], lnot: ["¬", "ord"],
  ldots: ["…", "ord"], dots: ["…", "ord"], dotsc: ["…", "ord"], cdots: ["⋯", "ord"], dotsb: ["⋯", "ord"],
  vdots: ["⋮", "ord"], ddots: ["⋱", "ord"], prime: ["′", "ord"], ell: ["ℓ", "ord"], hbar: ["ℏ", "ord"],
  Re: ["ℜ", "ord"], Im: ["ℑ", "ord"], aleph: ["ℵ", "ord"], angle: ["∠", "ord"], triangle: ["△", "ord"],
  top: ["⊤", "ord"], bot: ["⊥", "ord"], degree: ["°", "ord"], vert: ["|", "ord"], Vert: ["‖", "ord"],
  backslash: ["\\", "ord"], surd: ["√", "ord"], imath: ["ı", "ord"], jmath: ["ȷ", "ord"],
  // delimiters (without \left…\right)
  langle: ["⟨", "open"], rangle: ["⟩", "close"], lceil: ["⌈", "open"], rceil: ["⌉", "close"],
  lfloor: ["⌊", "open"], rfloor: ["⌋", "close"], lvert: ["|", "open"], rvert: ["|", "close"],
  lVert: ["‖", "open"], rVert: ["‖", "close"],
  // punctuation
  colon: [":", "punct"],
};

/** Big operators: fine alone, null with limits. */
const BIG_OPS: Record<string, string> = {
  sum: "∑", prod: "∏", coprod: "∐", int: "∫", iint: "∬", iiint: "∭", oint: "∮",
  bigcup: "⋃", bigcap: "⋂", bigvee: "⋁", bigwedge: "⋀", bigoplus: "⨁", bigotimes: "⨂",
};

/** Operator names; the `true` ones take limits (scripts → null). */
const FUNCTIONS: Record<string, boolean> = {
  arccos: false, arcsin: false, arctan: false, arg: false, cos: false, cosh: false, cot: false, coth: false,
  csc: false, deg: false, dim: false, exp: false, hom: false, ker: false, lg: false, ln: false, log: false,
  sec: false, sin: false, sinh: false, tan: false, tanh: false,
  det: true, gcd: true, inf: true, lim: true, liminf: true, limsup: true, max: true, min: true, Pr: true, sup: true,
};

const SPACES = new Set([",", ":", ";", ">", " ", "quad", "qquad", "enspace", "thinspace", "medspace", "thickspace"]);
const NO_OPS = new Set(["displaystyle", "textstyle", "!", "negthinspace", "/", "relax"]);

const SUP: Record<string, string> = {
  "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
  "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾",
  a: "ᵃ", b: "ᵇ", c: "ᶜ", d: "ᵈ", e: "ᵉ", f: "ᶠ", g: "ᵍ", h: "ʰ", i: "ⁱ", j: "ʲ", k: "ᵏ", l: "ˡ", m: "ᵐ",
  n: "ⁿ", o: "ᵒ", p: "ᵖ", r: "ʳ", s: "ˢ", t: "ᵗ", u: "ᵘ", v: "ᵛ", w: "ʷ", x: "ˣ", y: "ʸ", z: "ᶻ",
  A: "ᴬ", B: "ᴮ", D: "ᴰ", E: "ᴱ", G: "ᴳ", H: "ᴴ", I: "ᴵ", J: "ᴶ", K: "ᴷ", L: "ᴸ", M: "ᴹ", N: "ᴺ",
  O: "ᴼ", P: "ᴾ", R: "ᴿ", T: "ᵀ", U: "ᵁ", V: "ⱽ", W: "ᵂ",
  "β": "ᵝ", "γ": "ᵞ", "δ": "ᵟ", "θ": "ᶿ", "φ": "ᵠ", "χ": "ᵡ",
  // already superscript-like glyphs
  "′": "′", "″": "″", "‴": "‴", "°": "°", "∘": "°", "*": "*", "∗": "*", "⊤": "ᵀ",
};

const SUB: Record<string, string> = {
  "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
  "+": "₊", "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎",
  a: "ₐ", e: "ₑ", h: "ₕ", i: "ᵢ", j: "ⱼ", k: "ₖ", l: "ₗ", m: "ₘ", n: "ₙ", o: "ₒ", p: "ₚ", r: "ᵣ",
  s: "ₛ", t: "ₜ", u: "ᵤ", v: "ᵥ", x: "ₓ",
  "β": "ᵦ", "γ": "ᵧ", "ρ": "ᵨ", "φ": "ᵩ", "χ": "ᵪ",
};

/** \mathbb letters whose double-struck form lives outside the Mathematical Alphanumeric block. */
const BB_SPECIAL: Record<string, string> = { C: "ℂ", H: "ℍ", N: "ℕ", P: "ℙ", Q: "ℚ", R: "ℝ", Z: "ℤ" };
const CAL_SPECIAL: Record<string, string> = {
  B: "ℬ", E: "ℰ", F: "ℱ", H: "ℋ", I: "ℐ", L: "ℒ", M: "ℳ", R: "ℛ",
};

const GREEK_SMALL = "αβγδεζηθικλμνξοπρςστυφχψω";
const GREEK_SMALL_VARIANTS: Record<string, number> = { "∂": 25, "ϵ": 26, "ϑ": 27, "ϰ": 28, "ϕ": 29, "ϱ": 30, "ϖ": 31 };
const GREEK_CAPS = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡϴΣΤΥΦΧΨΩ";

function fromBlock(ch: string, capA: number, smallA: number | null, digit0: number | null): string | null {
  const c = ch.codePointAt(0)!;
  if (c >= 65 && c <= 90) return String.fromCodePoint(capA + c - 65);
  if (smallA !== null && c >= 97 && c <= 122) return String.fromCodePoint(smallA + c - 97);
  if (digit0 !== null && c >= 48 && c <= 57) return String.fromCodePoint(digit0 + c - 48);
  return null;
}

type Alphabet = "bb" | "bf" | "bsym" | "cal";

function mapAlphabet(ch: string, alphabet: Alphabet): string | null {
  switch (alphabet) {
    case "bb":
      return BB_SPECIAL[ch] ?? fromBlock(ch, 0x1d538, 0x1d552, 0x1d7d8);
    case "bf":
      return fromBlock(ch, 0x1d400, 0x1d41a, 0x1d7ce);
    case "cal":
      return /^[A-Z]$/.test(ch) ? (CAL_SPECIAL[ch] ?? fromBlock(ch, 0x1d49c, null, null)) : null;
    case "bsym": {
      // \boldsymbol: Latin letters bold italic, digits bold, lowercase Greek bold italic,
      // capital Greek bold upright (as TeX draws them).
      if (/^[A-Za-z]$/.test(ch)) return fromBlock(ch, 0x1d468, 0x1d482, null);
      if (/^[0-9]$/.test(ch)) return fromBlock(ch, 0x1d400, 0x1d41a, 0x1d7ce);
      const small = GREEK_SMALL.indexOf(ch);
      if (small >= 0) return String.fromCodePoint(0x1d736 + small);
      const variant = GREEK_SMALL_VARIANTS[ch];
      if (variant !== undefined) return String.fromCodePoint(0x1d736 + variant);
      const cap = GREEK_CAPS.indexOf(ch);
      if (cap >= 0) return String.fromCodePoint(0x1d6a8 + cap);
      return null;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

type Tok =
  | { t: "cs"; v: string } // control sequence without the backslash
  | { t: "ch"; v: string } // a character (never a space)
  | { t: "sp" } // source whitespace
  | { t: "{" }
  | { t: "}" };

/** The Unicode writer's view of the lexer's tokens; what it cannot write (comments) abandons the conversion. */
function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let afterWord = false;
  for (const t of texTokens(src)) {
    // TeX skips spaces after a control word.
    if (t.kind === "space" && afterWord) {
      afterWord = false;
      continue;
    }
    afterWord = t.kind === "word";
    switch (t.kind) {
      case "word":
        out.push({ t: "cs", v: t.name });
        break;
      case "symbol":
        if (!t.name) fail();
        out.push({ t: "cs", v: /\s/.test(t.name) ? " " : t.name });
        break;
      case "space":
        out.push({ t: "sp" });
        break;
      case "open":
        out.push({ t: "{" });
        break;
      case "close":
        out.push({ t: "}" });
        break;
      case "char":
        out.push({ t: "ch", v: t.text });
        break;
      case "comment":
        return fail(); // comments: not in inline formulas we handle
      default:
        return t satisfies never;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parser

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  done(): boolean {
    return this.i >= this.toks.length;
  }

  /** Math list up to the end or an unmatched `}` (not consumed). */
  parseList(): Atom[] {
    const atoms: Atom[] = [];
    while (!this.done()) {
      const tok = this.toks[this.i]!;
      if (tok.t === "}") break;
      if (tok.t === "sp") {
        this.i++;
        continue;
      }
      if (tok.t === "ch" && (tok.v === "^" || tok.v === "_" || tok.v === "'")) {
        // Script with an empty base, e.g. "^2".
        const base: Atom = { text: "", cls: "ord" };
        this.parseScripts(base);
        atoms.push(base);
        continue;
      }
      const atom = this.parseAtom();
      if (atom === null) continue;
      if (!atom.space) this.parseScripts(atom);
      atoms.push(atom);
    }
    return atoms;
  }

  private skipSpaces(): void {
    while (this.toks[this.i]?.t === "sp") this.i++;
  }

  private parseScripts(atom: Atom): void {
    for (;;) {
      this.skipSpaces();
      const tok = this.toks[this.i];
      if (!tok || tok.t !== "ch") return;
      if (tok.v === "'") {
        this.i++;
        atom.sup = (atom.sup ?? "") + "′";
        continue;
      }
      if (tok.v !== "^" && tok.v !== "_") return;
      this.i++;
      if (atom.noScripts) fail();
      const text = this.scriptArgument();
      if (tok.v === "^") {
        if (atom.sup !== undefined && !/^′+$/.test(atom.sup)) fail(); // double superscript
        atom.sup = (atom.sup ?? "") + text;
      } else {
        if (atom.sub !== undefined) fail(); // double subscript
        atom.sub = text;
      }
    }
  }

  /** The argument of ^ or _, as plain text without spaces (each char mapped later). */
  private scriptArgument(): string {
    this.skipSpaces();
    const tok = this.toks[this.i];
    if (!tok || tok.t === "}" ) fail();
    let atoms: Atom[];
    if (tok!.t === "{") {
      this.i++;
      atoms = this.parseList();
      this.expect("}");
    } else {
      const atom = this.parseAtom();
      atoms = atom ? [atom] : [];
    }
    let text = "";
    for (const a of atoms) {
      if (a.space || a.sup !== undefined || a.sub !== undefined) fail(); // nested scripts or spacing
      text += a.text;
    }
    if (!text) fail();
    return text;
  }

  private expect(t: "{" | "}"): void {
    if (this.toks[this.i]?.t !== t) fail();
    this.i++;
  }

  /** A required argument: `{…}` or a single token. Returns the raw tokens. */
  private argumentTokens(): Tok[] {
    this.skipSpaces();
    const tok = this.toks[this.i];
    if (!tok || tok.t === "}") fail();
    if (tok!.t !== "{") {
      this.i++;
      return [tok!];
    }
    let depth = 0;
    const start = this.i;
    for (; this.i < this.toks.length; this.i++) {
      const t = this.toks[this.i]!;
      if (t.t === "{") depth++;
      else if (t.t === "}" && --depth === 0) {
        this.i++;
        return this.toks.slice(start + 1, this.i - 1);
      }
    }
    return fail();
  }

  private parseAtom(): Atom | null {
    const tok = this.toks[this.i]!;
    if (tok.t === "{") {
      this.i++;
      const inner = this.parseList();
      this.expect("}");
      return { text: join(inner), cls: "ord" };
    }
    if (tok.t === "ch") {
      this.i++;
      return charAtom(tok.v);
    }
    if (tok.t !== "cs") return fail();
    this.i++;
    const name = tok.v;

    if (name in GREEK) return { text: GREEK[name]!, cls: "ord" };
    const sym = SYMBOLS[name];
    if (sym) return { text: sym[0], cls: sym[1] };
    if (name in BIG_OPS) return { text: BIG_OPS[name]!, cls: "op", noScripts: true };
    if (name in FUNCTIONS) return { text: name, cls: "op", noScripts: FUNCTIONS[name] };
    if (SPACES.has(name)) return { text: " ", cls: "ord", space: true };
    if (NO_OPS.has(name)) return null;
    switch (name) {
      case "{":
        return { text: "{", cls: "open" };
      case "}":
        return { text: "}", cls: "close" };
      case "|":
        return { text: "‖", cls: "ord" };
      case "%":
      case "#":
      case "$":
      case "&":
      case "_":
        return { text: name, cls: "ord" };
      case "mathbb":
        return { text: this.alphabetArgument("bb"), cls: "ord" };
      case "mathbf":
        return { text: this.alphabetArgument("bf"), cls: "ord" };
      case "boldsymbol":
      case "bm":
        return { text: this.alphabetArgument("bsym"), cls: "ord" };
      case "mathcal":
        return { text: this.alphabetArgument("cal"), cls: "ord" };
      case "mathrm":
      case "mathit":
      case "mathnormal": {
        const inner = new Parser(this.argumentTokens());
        const atoms = inner.parseList();
        if (!inner.done()) fail();
        return { text: join(atoms), cls: "ord" };
      }
      case "operatorname": {
        const inner = new Parser(this.argumentTokens());
        const atoms = inner.parseList();
        if (!inner.done()) fail();
        const text = join(atoms);
        if (!text) fail();
        return { text, cls: "op" };
      }
      case "text":
      case "textrm":
      case "textnormal":
      case "textup":
      case "mbox":
        return { text: textArgument(this.argumentTokens()), cls: "ord" };
      default:
        return fail();
    }
  }

  /** Letters (and digits) of \mathbb, \mathbf, \boldsymbol, \mathcal, mapped to math alphabets. */
  private alphabetArgument(alphabet: Alphabet): string {
    let out = "";
    for (const t of this.argumentTokens()) {
      if (t.t === "sp") continue;
      let ch: string | undefined;
      if (t.t === "ch") ch = t.v;
      else if (t.t === "cs" && alphabet === "bsym" && GREEK[t.v]) ch = GREEK[t.v];
      if (ch === undefined) fail();
      const mapped = mapAlphabet(ch!, alphabet);
      if (mapped === null) fail();
      out += mapped;
    }
    if (!out) fail();
    return out;
  }
}

function charAtom(c: string): Atom {
  switch (c) {
    case "-":
      return { text: "−", cls: "bin" };
    case "+":
    case "*":
      return { text: c === "*" ? "∗" : "+", cls: "bin" };
    case "=":
    case "<":
    case ">":
    case ":":
      return { text: c, cls: "rel" };
    case "(":
    case "[":
      return { text: c, cls: "open" };
    case ")":
    case "]":
      return { text: c, cls: "close" };
    case ",":
    case ";":
      return { text: c, cls: "punct" };
    case "~":
      return { text: " ", cls: "ord", space: true };
    case "^":
    case "_":
    case "&":
    case "#":
    case "$":
    case "\\":
      return fail();
  }
  // Unicode typed directly: letters, digits, common symbols. Combining marks would attach to the
  // previous character differently than TeX places them: refuse.
  if (/\p{M}/u.test(c) || /\p{C}/u.test(c)) fail();
  const cls = UNICODE_CLASS[c] ?? "ord";
  return { text: c, cls };
}

const UNICODE_CLASS: Record<string, Cls> = {};
for (const [ch, cls] of Object.values(SYMBOLS)) if (cls === "rel" || cls === "bin") UNICODE_CLASS[ch] ??= cls;
for (const ch of "−±×÷·") UNICODE_CLASS[ch] = "bin";

/** Text-mode argument of \text{…}: characters as written, simple escapes, no math. */
function textArgument(toks: Tok[]): string {
  let out = "";
  for (const t of toks) {
    if (t.t === "sp") out += " ";
    else if (t.t === "ch") {
      if (t.v === "$" || t.v === "^" || t.v === "_" || t.v === "&" || t.v === "#") fail();
      if (/\p{M}/u.test(t.v)) fail();
      out += t.v === "~" ? " " : t.v;
    } else if (t.t === "cs" && ["%", "&", "_", "$", "#", "{", "}", " "].includes(t.v)) {
      out += t.v;
    } else if (t.t === "{" || t.t === "}") {
      continue; // grouping braces inside text
    } else {
      fail();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Output

function mapScript(text: string, table: Record<string, string>): string {
  let out = "";
  for (const ch of text) {
    const m = table[ch];
    if (m === undefined) fail();
    out += m;
  }
  return out;
}

function atomText(a: Atom): string {
  let s = a.text;
  if (a.sub !== undefined) s += mapScript(a.sub, SUB);
  if (a.sup !== undefined) s += mapScript(a.sup, SUP);
  return s;
}

/** Join atoms with TeX-like spacing. */
function join(atoms: Atom[]): string {
  // Binary operators become unary (no spaces) at the start or after an operator, relation,
  // opening delimiter or punctuation (TeX's rule).
  const cls: Cls[] = atoms.map((a) => a.cls);
  const visible = atoms.map((a) => !a.space);
  const prevCls = (k: number): Cls | null => {
    for (let j = k - 1; j >= 0; j--) if (visible[j]) return cls[j]!;
    return null;
  };
  const nextCls = (k: number): Cls | null => {
    for (let j = k + 1; j < atoms.length; j++) if (visible[j]) return cls[j]!;
    return null;
  };
  for (let k = 0; k < atoms.length; k++) {
    if (cls[k] !== "bin") continue;
    const p = prevCls(k);
    const n = nextCls(k);
    if (p === null || p === "bin" || p === "op" || p === "rel" || p === "open" || p === "punct" || n === null || n === "rel" || n === "close" || n === "punct") {
      cls[k] = "ord";
    }
  }
  let out = "";
  for (let k = 0; k < atoms.length; k++) {
    const a = atoms[k]!;
    if (a.space) {
      out += " ";
      continue;
    }
    const text = atomText(a);
    const c = cls[k]!;
    if (c === "rel" || c === "bin") out += ` ${text} `;
    else if (c === "punct") out += `${text} `;
    else if (c === "op") {
      const n = nextCls(k);
      out += text;
      // A thin space separates an operator from a following operand: "log x", "sin θ", "∑ xᵢ".
      if (n === "ord" || n === "op") out += " ";
    } else out += text;
  }
  return out.replace(/ {2,}/g, " ").trim();
}

/**
 * The exact plain-Unicode reading of a simple inline formula, or null when Unicode cannot write
 * it exactly (the caller then renders an image).
 */
export function texToUnicode(tex: string): string | null {
  const src = tex.normalize("NFC").trim();
  if (!src) return null;
  try {
    const parser = new Parser(tokenize(src));
    const atoms = parser.parseList();
    if (!parser.done()) return null; // unmatched }
    const out = join(atoms);
    return out ? out : null;
  } catch (err) {
    if (err instanceof NoUnicode) return null;
    throw err;
  }
}
