/**
 * A small course written for the Telegram tests: a figure (a real PNG), inline and display math, a
 * table and code, so a lesson is one rich message with media and several classic messages.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";

function figurePng(): Buffer {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="300"><rect width="480" height="300" fill="#fff"/>' +
    '<line x1="40" y1="260" x2="460" y2="260" stroke="#000" stroke-width="3"/><line x1="40" y1="260" x2="40" y2="20" stroke="#000" stroke-width="3"/>' +
    '<polyline points="40,250 140,200 240,120 340,80 440,40" fill="none" stroke="#c33" stroke-width="4"/></svg>';
  return Buffer.from(new Resvg(svg, { fitTo: { mode: "original" } }).render().asPng());
}

const posts: Record<string, string> = {
  "_posts/2025-03-01-gradient-descent.md": `---
title: "Gradient descent by hand"
---

We walk downhill on a loss surface. The step is $w \\leftarrow w - \\eta \\nabla L(w)$ for a small rate $\\eta$.

![Loss falling over the epochs](/assets/loss.png)

## The update rule

$$
L(w) = \\frac{1}{n} \\sum_{i=1}^{n} (y_i - w x_i)^2
$$

$$
\\nabla L(w) = -\\frac{2}{n} \\sum_{i=1}^{n} x_i (y_i - w x_i)
$$

| epoch | loss |
|---:|---:|
| 1 | 0.92 |
| 2 | 0.41 |

\`\`\`python
for epoch in range(3):
    w -= lr * grad(w)
\`\`\`

## Further reading

- [Optimisation notes](https://example.org/optim)
`,
  "_posts/2025-03-02-learning-rate.md": `---
title: "Choosing the learning rate"
---

Too small and training crawls; too large and the loss jumps around. Try $\\eta = 10^{-3}$ first.

![Loss falling over the epochs](/assets/loss.png)

> A rate that halves every ten epochs is a safe default.
`,
  "_posts/2025-03-03-momentum.md": `---
title: "Momentum"
---

Momentum keeps a running average of the gradients, $v \\leftarrow \\beta v + \\nabla L$, and steps along it.
`,
};

/** Writes the course into `dir` (created); returns `dir`. */
export function writeCourse(dir: string): string {
  mkdirSync(join(dir, "_posts"), { recursive: true });
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(join(dir, "course.yml"), 'title: "Optimisation in six minutes"\nlanguage: en\nresources:\n  - title: "Course handbook"\n    url: "https://example.org/handbook"\n');
  writeFileSync(join(dir, "assets", "loss.png"), figurePng());
  for (const [name, body] of Object.entries(posts)) writeFileSync(join(dir, name), body);
  return dir;
}

/**
 * A second, shorter course (two plain posts) for the tests of several courses: its own folder, so
 * its lessons have their own ids.
 */
export function writeSecondCourse(dir: string): string {
  mkdirSync(join(dir, "_posts"), { recursive: true });
  writeFileSync(join(dir, "course.yml"), 'title: "Probability in six minutes"\nlanguage: en\n');
  writeFileSync(join(dir, "_posts", "2025-04-01-events.md"), "---\ntitle: Events and outcomes\n---\n\nAn event is a set of outcomes; its probability is between zero and one.\n");
  writeFileSync(join(dir, "_posts", "2025-04-02-bayes.md"), "---\ntitle: Bayes in one line\n---\n\nThe posterior is the likelihood times the prior, divided by the evidence.\n");
  return dir;
}
