/**
 * amsmath's display environments that hold rows, and the inner form that draws the same rows inside
 * another display or alone, without numbers: `align` → `aligned`, `gather` → `gathered`, … Shared by
 * the chat normalization (a chat draws one display per formula) and the row splitter (a formula too
 * tall for one image is drawn in groups of rows).
 */

export type InnerForm = "aligned" | "alignedat" | "gathered" | "eqnarray";

const INNER: Readonly<Record<string, InnerForm>> = {
  align: "aligned",
  flalign: "aligned",
  split: "aligned",
  aligned: "aligned",
  alignat: "alignedat",
  alignedat: "alignedat",
  gather: "gathered",
  multline: "gathered",
  gathered: "gathered",
  eqnarray: "eqnarray",
};

/** The inner form of environment `name` (starred or not); undefined when it holds no rows. */
export function innerForm(name: string): InnerForm | undefined {
  return INNER[name.replace(/\*$/, "")];
}

/** Environments with rows that are not an inner form themselves (`align`, `gather`, `eqnarray`, …). */
export const OUTER_ROW_ENVIRONMENTS: readonly string[] = Object.keys(INNER).filter((name) => !/(?:ed|edat)$/.test(name));

/** Environments that only mark a single display (`equation`): their body is the formula. */
export const WRAPPER_ENVIRONMENTS: readonly string[] = ["equation", "displaymath", "math"];
