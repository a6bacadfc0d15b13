/**
 * The store's parameters (`?` in order, `@name` by name, as better-sqlite3 takes them) turned into
 * PostgreSQL's numbered ones (`$1`, `$2`, …; one number per name). Quoted strings, quoted names and
 * comments are copied as they are, and `::type` casts are not parameters.
 */
export interface Placeholders {
  text: string;
  /** For each $n in order: the index of a positional value, or the name of a named one. */
  slots: (number | string)[];
}

export function numberPlaceholders(sql: string): Placeholders {
  let out = "";
  const slots: (number | string)[] = [];
  const named = new Map<string, number>();
  let positional = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === "?") {
      slots.push(positional++);
      out += `$${slots.length}`;
    } else if ((c === "@" || (c === ":" && sql[i - 1] !== ":" && sql[i + 1] !== ":")) && /[A-Za-z_]/.test(sql[i + 1] ?? "")) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))![0];
      let n = named.get(name);
      if (n === undefined) {
        slots.push(name);
        n = slots.length;
        named.set(name, n);
      }
      out += `$${n}`;
      i += name.length;
    } else out += c;
  }
  return { text: out, slots };
}

/**
 * The values for the slots from a call's arguments, as better-sqlite3 reads them: plain objects give
 * named values, arrays are spread, anything else is the next positional value.
 */
export function bindValues(slots: readonly (number | string)[], args: readonly unknown[]): unknown[] {
  const positional: unknown[] = [];
  let named: Record<string, unknown> = {};
  for (const a of args) {
    if (Array.isArray(a)) positional.push(...a);
    else if (a !== null && typeof a === "object" && !Buffer.isBuffer(a)) named = { ...named, ...(a as Record<string, unknown>) };
    else positional.push(a);
  }
  return slots.map((s) => {
    const v = typeof s === "number" ? positional[s] : named[s];
    if (v === undefined) throw new RangeError(typeof s === "number" ? `missing value for parameter ${s + 1}` : `missing named parameter "${s}"`);
    return typeof v === "bigint" ? v.toString() : v;
  });
}
