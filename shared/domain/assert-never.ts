/** Closes an exhaustive `switch` over a union: a new member that is not handled fails type-checking. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
