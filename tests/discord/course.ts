/**
 * A small course written for the Discord tests (three posts): call-outs, display formulas (drawn as
 * PNGs, shown in Media Galleries), a figure, code, further reading, and one long post that makes a
 * lesson of several messages.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const FIGURE = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">
<rect x="0" y="0" width="240" height="120" fill="#ffffff"/>
<polyline points="10,110 60,70 110,80 160,30 230,20" fill="none" stroke="#1f6feb" stroke-width="4"/>
<circle cx="160" cy="30" r="6" fill="#d73a49"/>
</svg>
`;

const POSTS: Record<string, string> = {
  "2026-02-01-vecto.md": `---
title: "Vectơ và phép cộng"
---

Một vectơ là một dãy số có thứ tự. Trong học máy, mỗi mẫu dữ liệu thường được viết thành một vectơ đặc trưng, và phép cộng hai vectơ cộng từng thành phần với nhau.

{: .box-note}
Hai vectơ chỉ cộng được với nhau khi chúng có cùng số thành phần.

Độ dài của một vectơ được tính bằng căn bậc hai của tổng bình phương các thành phần:

$$\\lVert x \\rVert = \\sqrt{\\sum_{i=1}^{n} x_i^2}$$

Hình dưới vẽ một đường đi qua vài điểm; điểm đỏ là điểm cao nhất.

![Đường gấp khúc với một điểm đỏ](/assets/img/duong.svg)

## Đọc thêm

- [Vectơ trên Wikipedia](https://vi.wikipedia.org/wiki/Vect%C6%A1)
`,
  "2026-02-02-dao-ham.md": `---
title: "Đạo hàm trong một phút"
---

Đạo hàm đo tốc độ thay đổi của một hàm số khi biến số thay đổi rất ít. Với hàm bình phương, đạo hàm tại mỗi điểm bằng hai lần giá trị của điểm đó.

$$\\frac{d}{dx} x^2 = 2x$$

\`\`\`python
def dao_ham(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)

print(dao_ham(lambda x: x * x, 3.0))
\`\`\`

> [!TIP]
> Chọn bước h quá nhỏ sẽ gặp sai số làm tròn của số thực dấu phẩy động.
`,
  "2026-02-03-ma-tran.md": `---
title: "Ma trận và phép nhân"
---

${Array.from({ length: 6 }, (_, k) => `## Phần ${k + 1}

Ma trận là một bảng số gồm các hàng và các cột. Phép nhân hai ma trận lấy từng hàng của ma trận thứ nhất nhân với từng cột của ma trận thứ hai rồi cộng các tích lại. ${"Mỗi phần tử của kết quả là một tổng các tích, nên số cột của ma trận đầu phải bằng số hàng của ma trận sau. ".repeat(5)}

$$C_{${k}j} = \\sum_{k=1}^{m} A_{${k}k} B_{kj} + ${k}$$
`).join("\n")}
`,
};

/** Writes the course under `dir` (a Jekyll-like folder) and returns `dir`. */
export function writeTestCourse(dir: string): string {
  mkdirSync(join(dir, "_posts"), { recursive: true });
  mkdirSync(join(dir, "assets", "img"), { recursive: true });
  writeFileSync(join(dir, "course.yml"), 'title: "Toán cho học máy"\nlanguage: vi\nresources:\n  - title: "Sổ tay khóa học"\n    url: "https://example.org/so-tay"\n');
  writeFileSync(join(dir, "assets", "img", "duong.svg"), FIGURE);
  for (const [name, text] of Object.entries(POSTS)) writeFileSync(join(dir, "_posts", name), text);
  return dir;
}
