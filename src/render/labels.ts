/** Words the renderer adds around the author's text, in the course language. */
import type { CalloutKind } from "../course/blocks.js";

export interface RenderLabels {
  callout: Record<CalloutKind, { icon: string; label: string }>;
  minutes: (m: number) => string;
  part: (k: number, n: number) => string;
  image: string;
  formulas: string;
  table: string;
  footnotes: string;
  /** Before a later piece of a code block, list or table too long for one lesson. */
  continued: string;
}

const vi: RenderLabels = {
  callout: {
    note: { icon: "📝", label: "Ghi chú" },
    tip: { icon: "💡", label: "Mẹo" },
    important: { icon: "❗", label: "Quan trọng" },
    warning: { icon: "⚠️", label: "Cảnh báo" },
    caution: { icon: "🛑", label: "Thận trọng" },
    error: { icon: "⛔", label: "Lỗi" },
    success: { icon: "✅", label: "Thành công" },
  },
  minutes: (m) => `⏱ ${formatMinutes(m, ",")} phút đọc`,
  part: (k, n) => `phần ${k}/${n}`,
  image: "Hình",
  formulas: "Công thức",
  table: "Bảng",
  footnotes: "Chú thích",
  continued: "(tiếp theo)",
};

const en: RenderLabels = {
  callout: {
    note: { icon: "📝", label: "Note" },
    tip: { icon: "💡", label: "Tip" },
    important: { icon: "❗", label: "Important" },
    warning: { icon: "⚠️", label: "Warning" },
    caution: { icon: "🛑", label: "Caution" },
    error: { icon: "⛔", label: "Error" },
    success: { icon: "✅", label: "Success" },
  },
  minutes: (m) => `⏱ ${formatMinutes(m, ".")} min read`,
  part: (k, n) => `part ${k}/${n}`,
  image: "Image",
  formulas: "Formulas",
  table: "Table",
  footnotes: "Notes",
  continued: "(continued)",
};

function formatMinutes(m: number, decimal: string): string {
  const r = Math.max(1, Math.round(m));
  return String(r).replace(".", decimal);
}

export function labelsFor(language: string): RenderLabels {
  return language.toLowerCase().startsWith("vi") ? vi : en;
}
