/** Items that share a key, in the order the key was first seen. */
export interface Group<K, T> {
  readonly key: K;
  readonly items: T[];
}

/** Groups items by key in one pass, keeping first-seen order of keys and items. */
export function groupBy<K, T>(items: Iterable<T>, keyOf: (item: T) => K): Group<K, T>[] {
  const groups = new Map<K, Group<K, T>>();
  for (const item of items) {
    const key = keyOf(item);
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}
