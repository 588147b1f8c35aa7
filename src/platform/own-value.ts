/**
 * Looks a key that came from outside (a file, a request) up in a constant table. Only the table's
 * own entries count: `table["constructor"]` or `table["__proto__"]` would otherwise find
 * Object.prototype's members and turn hostile input into a crash or a wrong result.
 */
export function ownValue<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
