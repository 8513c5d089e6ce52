/**
 * The `default` of a switch that handles every case of a union: the typecheck fails here when a
 * case is added and not handled, and the linter sees that every path returns.
 */
export function unreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
