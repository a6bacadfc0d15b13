#!/usr/bin/env node
// Draws the small diagrams used by the bundled course (content/assets/img/).
// Plain Node, no build step: `node scripts/draw-diagrams.mjs`.
// Each diagram is written as an SVG, then rendered to a PNG (chat apps send PNG/JPEG
// photos, not SVG) with @resvg/resvg-js, which is already a dependency of the bot.

import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "content", "assets", "img");

const fmt = (n) => (Math.round(n * 100) / 100).toString();

/**
 * Gradient descent on a parabola: L(w) = (w - 3)^2 + 2, starting at w0 = -1,
 * learning rate eta = 0.2, so each step is w <- w - eta * 2 (w - 3)
 * and the distance to the minimum shrinks by a factor 1 - 2 eta = 0.6.
 * The points go down the curve; below the axis, the same steps are shown along w.
 */
function gradientDescentSvg() {
  const W = 720;
  const H = 500;
  const pad = { left: 70, right: 40, top: 90, bottom: 100 };
  const wMin = -1.6;
  const wMax = 7.6;
  const lMin = 0;
  const lMax = 20;
  const loss = (w) => (w - 3) ** 2 + 2;
  const grad = (w) => 2 * (w - 3);
  const eta = 0.2;
  const orange = "#d9480f";

  const X = (w) => pad.left + ((w - wMin) / (wMax - wMin)) * (W - pad.left - pad.right);
  const Y = (l) => H - pad.bottom - ((l - lMin) / (lMax - lMin)) * (H - pad.top - pad.bottom);

  // The loss curve as a polyline.
  const curve = [];
  for (let i = 0; i <= 400; i++) {
    const w = wMin + ((wMax - wMin) * i) / 400;
    const l = loss(w);
    if (l <= lMax) curve.push(`${fmt(X(w))},${fmt(Y(l))}`);
  }

  // The steps of gradient descent.
  const steps = [-1];
  for (let t = 0; t < 6; t++) {
    const w = steps[steps.length - 1];
    steps.push(w - eta * grad(w));
  }

  const arrow = (x1, y1, x2, y2, r, extra = "") => {
    const len = Math.hypot(x2 - x1, y2 - y1);
    const ux = (x2 - x1) / len;
    const uy = (y2 - y1) / len;
    return `<line x1="${fmt(x1 + ux * r)}" y1="${fmt(y1 + uy * r)}" x2="${fmt(x2 - ux * r)}" y2="${fmt(y2 - uy * r)}" stroke="${orange}" stroke-width="2.5" marker-end="url(#arrow)"${extra}/>`;
  };

  const parts = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${orange}"/></marker>`,
    `<marker id="axis" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#343a40"/></marker></defs>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="38" text-anchor="middle" font-size="22" font-weight="bold" fill="#212529">Hạ gradient: mỗi bước đi ngược chiều đạo hàm</text>`,
  );

  // Axes.
  const x0 = X(wMin) - 10;
  const y0 = Y(0);
  parts.push(
    `<line x1="${x0}" y1="${y0}" x2="${W - 12}" y2="${y0}" stroke="#343a40" stroke-width="2" marker-end="url(#axis)"/>`,
    `<line x1="${x0}" y1="${y0}" x2="${x0}" y2="${pad.top - 24}" stroke="#343a40" stroke-width="2" marker-end="url(#axis)"/>`,
    `<text x="${W - 24}" y="${y0 - 12}" font-size="20" font-style="italic" fill="#343a40">w</text>`,
    `<text x="${x0 + 14}" y="${pad.top - 14}" font-size="20" font-style="italic" fill="#343a40">L(w)</text>`,
  );

  // Tangent at the starting point: the slope the first step follows.
  const w0 = steps[0];
  const tx1 = w0 - 0.35;
  const tx2 = w0 + 0.9;
  const tangent = (w) => loss(w0) + grad(w0) * (w - w0);
  parts.push(
    `<line x1="${fmt(X(tx1))}" y1="${fmt(Y(tangent(tx1)))}" x2="${fmt(X(tx2))}" y2="${fmt(Y(tangent(tx2)))}" stroke="#868e96" stroke-width="2" stroke-dasharray="7 5"/>`,
    `<text x="${fmt(X(w0) + 30)}" y="${fmt(Y(loss(w0)) - 10)}" font-size="15" fill="#495057">đạo hàm âm → bước sang phải</text>`,
  );

  // The curve.
  parts.push(
    `<polyline points="${curve.join(" ")}" fill="none" stroke="#1c7ed6" stroke-width="4" stroke-linejoin="round"/>`,
  );

  // The minimum.
  parts.push(
    `<line x1="${X(3)}" y1="${fmt(Y(loss(3)))}" x2="${X(3)}" y2="${y0}" stroke="#2b8a3e" stroke-width="2" stroke-dasharray="4 4"/>`,
    `<circle cx="${X(3)}" cy="${fmt(Y(loss(3)))}" r="6" fill="#2b8a3e"/>`,
    `<text x="${X(3) + 10}" y="${y0 - 12}" font-size="16" fill="#2b8a3e">cực tiểu</text>`,
  );

  // Steps on the curve: arrows from one point to the next, then the points on top.
  for (let i = 0; i + 1 < steps.length; i++) {
    const a = steps[i];
    const b = steps[i + 1];
    parts.push(arrow(X(a), Y(loss(a)), X(b), Y(loss(b)), 8));
  }
  for (const w of steps) {
    parts.push(
      `<line x1="${fmt(X(w))}" y1="${fmt(Y(loss(w)) + 7)}" x2="${fmt(X(w))}" y2="${y0}" stroke="#f76707" stroke-width="1" stroke-dasharray="2 4" opacity="0.7"/>`,
      `<circle cx="${fmt(X(w))}" cy="${fmt(Y(loss(w)))}" r="7" fill="#f76707" stroke="#ffffff" stroke-width="2"/>`,
    );
  }

  // The same steps along the w axis: big steps first, smaller near the bottom.
  const track = y0 + 22;
  for (let i = 0; i + 1 < steps.length; i++) {
    parts.push(arrow(X(steps[i]), track, X(steps[i + 1]), track, 4));
  }
  steps.forEach((w, i) => {
    parts.push(`<circle cx="${fmt(X(w))}" cy="${track}" r="4" fill="#f76707"/>`);
    if (i < 4) {
      parts.push(
        `<text x="${fmt(X(w))}" y="${track + 26}" text-anchor="middle" font-size="18" font-style="italic" fill="${orange}">w${["₀", "₁", "₂", "₃"][i]}</text>`,
      );
    }
  });
  parts.push(
    `<text x="${X(3)}" y="${track + 26}" text-anchor="middle" font-size="18" font-style="italic" fill="#2b8a3e">w*</text>`,
    `<text x="${W - pad.right}" y="${H - 12}" text-anchor="end" font-size="15" fill="#495057">L(w) = (w − 3)² + 2   ·   w₀ = −1   ·   η = 0,2</text>`,
  );

  parts.push(`</svg>`);
  return parts.join("\n") + "\n";
}

async function toPng(svg) {
  const { Resvg } = await import("@resvg/resvg-js");
  const fontFiles = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
  ].filter((f) => existsSync(f));
  const resvg = new Resvg(svg, {
    background: "#ffffff",
    fitTo: { mode: "width", value: 1080 },
    font: { fontFiles, loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}

const diagrams = [{ name: "ha-gradient", svg: gradientDescentSvg() }];

mkdirSync(outDir, { recursive: true });
for (const { name, svg } of diagrams) {
  const svgPath = join(outDir, `${name}.svg`);
  writeFileSync(svgPath, svg);
  console.log(`wrote ${svgPath}`);
  try {
    const png = await toPng(svg);
    const pngPath = join(outDir, `${name}.png`);
    writeFileSync(pngPath, png);
    console.log(`wrote ${pngPath} (${png.length} bytes)`);
  } catch (err) {
    console.error(`could not render ${name}.png: ${err.message}`);
    process.exitCode = 1;
  }
}
