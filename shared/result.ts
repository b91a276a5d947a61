/**
 * Expected failures are values, bugs throw (STYLE.md). Every operation a
 * person can get wrong returns a Result whose error is a union keyed on `kind`.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

/** A compile-time exhaustiveness check for `switch` over a union's `kind`. */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
