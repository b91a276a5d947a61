/**
 * How the domain contracts become the one contract the client and the
 * dispatcher use: their method tables side by side, each method name
 * declared by exactly one domain. A name declared twice does not compile
 * (the call below names it), and throws if it ever slipped past the types.
 */
import type { MethodTable } from "./common";

/** The method names declared by more than one of `T`'s tables. */
export type DuplicateMethods<T extends readonly MethodTable[], Seen extends PropertyKey = never> = T extends readonly [infer Head extends MethodTable, ...infer Rest extends readonly MethodTable[]]
  ? (keyof Head & Seen) | DuplicateMethods<Rest, Seen | keyof Head>
  : never;

type Merged<T extends readonly MethodTable[]> = T extends readonly [infer Head extends MethodTable, ...infer Rest extends readonly MethodTable[]] ? Head & Merged<Rest> : unknown;
type Flat<T> = { readonly [K in keyof T]: T[K] };

/** What the compiler reports for a method declared twice: the name, under this property. */
type MethodDeclaredTwice<Name> = { readonly "a worker method is declared by two domains": Name };

export function mergeContracts<const T extends readonly MethodTable[]>(...tables: T & ([DuplicateMethods<T>] extends [never] ? unknown : MethodDeclaredTwice<DuplicateMethods<T>>)): Flat<Merged<T>> {
  const merged: Record<string, unknown> = {};
  for (const table of tables as readonly MethodTable[]) {
    for (const [method, spec] of Object.entries(table)) {
      if (Object.hasOwn(merged, method)) throw new Error(`worker method declared twice: ${method}`);
      merged[method] = spec;
    }
  }
  return merged as Flat<Merged<T>>;
}
