import { describe, it, expect } from "vitest";
import { texToUnicode } from "../../src/tex/index.js";

const golden: Array<[string, string]> = [
  // letters, numbers, Greek
  ["x", "x"],
  ["42", "42"],
  ["3.14", "3.14"],
  ["\\alpha", "α"],
  ["\\Sigma", "Σ"],
  ["\\lambda", "λ"],
  ["\\theta", "θ"],
  ["\\epsilon", "ϵ"],
  ["\\varepsilon", "ε"],
  ["\\varphi", "φ"],
  ["\\Omega", "Ω"],
  // sub/superscripts
  ["x_1", "x₁"],
  ["x_{ij}", "xᵢⱼ"],
  ["x^2", "x²"],
  ["e^{-x}", "e⁻ˣ"],
  ["w^T", "wᵀ"],
  ["A^\\top", "Aᵀ"],
  ["A^{-1}", "A⁻¹"],
  ["x_{k+1}", "xₖ₊₁"],
  ["x_i^2", "xᵢ²"],
  ["x^{n+1}", "xⁿ⁺¹"],
  ["2^{10}", "2¹⁰"],
  ["x_{\\text{max}}", "xₘₐₓ"],
  ["x_{\\mathrm{min}}", "xₘᵢₙ"],
  ["\\beta_1", "β₁"],
  ["\\sigma^2", "σ²"],
  ["f'(x)", "f′(x)"],
  ["f''", "f′′"],
  ["y^\\prime", "y′"],
  ["\\theta^*", "θ*"],
  ["30^\\circ", "30°"],
  // operators and relations (TeX spacing)
  ["a \\leq b", "a ≤ b"],
  ["a\\le b", "a ≤ b"],
  ["a \\geq b", "a ≥ b"],
  ["a \\neq b", "a ≠ b"],
  ["a \\approx b", "a ≈ b"],
  ["a \\times b", "a × b"],
  ["a \\cdot b", "a · b"],
  ["a - b", "a − b"],
  ["-x + y", "−x + y"],
  ["y = -x", "y = −x"],
  ["x \\in A", "x ∈ A"],
  ["x \\notin A", "x ∉ A"],
  ["A \\subset B", "A ⊂ B"],
  ["x \\to \\infty", "x → ∞"],
  ["x \\rightarrow 0", "x → 0"],
  ["\\pm 1", "±1"],
  ["\\sum", "∑"],
  ["\\partial f", "∂f"],
  ["\\nabla f", "∇f"],
  ["\\forall x \\in X, x \\geq 0", "∀x ∈ X, x ≥ 0"],
  ["\\exists x", "∃x"],
  ["x_1, \\ldots, x_n", "x₁, …, xₙ"],
  ["x_1, \\dots, x_n", "x₁, …, xₙ"],
  ["1 + \\cdots + n", "1 + ⋯ + n"],
  // sets, norms, delimiters
  ["\\mathbb{R}", "ℝ"],
  ["\\mathbb{N}", "ℕ"],
  ["\\mathbb{Z}", "ℤ"],
  ["\\mathbb{Q}", "ℚ"],
  ["\\mathbb{C}", "ℂ"],
  ["\\mathbb{R}^n", "ℝⁿ"],
  ["\\mathbb R^d", "ℝᵈ"],
  ["x \\in \\mathbb{R}^n", "x ∈ ℝⁿ"],
  ["\\mathbb{E}[X]", "𝔼[X]"],
  ["\\{1, 2, 3\\}", "{1, 2, 3}"],
  ["\\|x\\|", "‖x‖"],
  ["\\|\\mathbf{w}\\|_2", "‖𝐰‖₂"],
  ["P(A \\mid B)", "P(A ∣ B)"],
  ["|x|", "|x|"],
  ["(a, b]", "(a, b]"],
  // grouping, spacing, text
  ["{x}", "x"],
  ["{a+b}", "a + b"],
  ["x\\,y", "x y"],
  ["a \\; b", "a b"],
  ["a \\quad b", "a b"],
  ["a\\!b", "ab"],
  ["\\text{Xác suất}", "Xác suất"],
  ["\\text{if } x > 0", "if x > 0"],
  ["\\mathrm{d}x", "dx"],
  ["\\mathrm{softmax}", "softmax"],
  ["\\operatorname{ReLU}(x)", "ReLU(x)"],
  // bold and calligraphic via Mathematical Alphanumeric Symbols
  ["\\mathbf{x}", "𝐱"],
  ["\\mathbf{W}", "𝐖"],
  ["\\boldsymbol{x}", "𝒙"],
  ["\\boldsymbol{\\theta}", "𝜽"],
  ["\\mathcal{L}", "ℒ"],
  // operator names
  ["\\log x", "log x"],
  ["\\log(x)", "log(x)"],
  ["\\log_2 n", "log₂ n"],
  ["\\sin\\theta", "sin θ"],
  ["\\exp(-x)", "exp(−x)"],
  ["\\max(a, b)", "max(a, b)"],
  ["n!", "n!"],
  ["f: X \\to Y", "f : X → Y"],
  ["10\\%", "10%"],
];

const nulls: string[] = [
  "",
  "   ",
  "\\frac{a}{b}",
  "\\dfrac12",
  "\\sqrt{x}",
  "\\sqrt[3]{x}",
  "\\hat{y}",
  "\\hat y",
  "\\bar{x}",
  "\\tilde{x}",
  "\\vec{v}",
  "\\overline{AB}",
  "\\left( x \\right)",
  "\\bigl( x \\bigr)",
  "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}",
  "a \\\\ b",
  "a & b",
  "\\sum_{i=1}^n x_i",
  "\\sum_i x_i",
  "\\int_0^1 f",
  "\\lim_{x \\to 0} f(x)",
  "\\max_i a_i",
  "\\prod^n",
  "x_{i,j}", // no subscript comma
  "e^{i\\pi}", // no superscript pi
  "x^q", // no superscript q
  "x_b", // no subscript b
  "X^{\\mathbb{R}}",
  "\\nabla_\\theta J",
  "x^{2^3}",
  "x^{a}^{b}",
  "x_1_2",
  "x^{\\,2}",
  "x_{\\text{a b}}",
  "\\mathbf{a+b}",
  "\\mathbf{\\alpha}",
  "\\mathcal{l}",
  "\\mathbb{R}^{n \\times m}",
  "\\undefinedmacro",
  "\\R",
  "\\color{red}{x}",
  "\\textbf{x}",
  "\\text{$x$}",
  "x^",
  "x_",
  "x}",
  "{x",
  "\\",
  "x % comment",
  "\\mathsf{x}",
  "\\mathfrak{g}",
  "\\not\\in",
];

describe("texToUnicode", () => {
  it.each(golden)("%s → %s", (tex, expected) => {
    expect(texToUnicode(tex)).toBe(expected);
  });

  it.each(nulls.map((t) => [t]))("%s → null", (tex) => {
    expect(texToUnicode(tex)).toBeNull();
  });

  it("normalizes Vietnamese input to NFC", () => {
    const nfd = "\\text{Xác suất}".normalize("NFD");
    expect(texToUnicode(nfd)).toBe("Xác suất".normalize("NFC"));
  });

  it("never returns an empty string", () => {
    for (const t of ["{}", "\\,", "\\displaystyle", "\\quad"]) {
      expect(texToUnicode(t)).toBeNull();
    }
  });
});
