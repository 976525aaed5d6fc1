import fc from 'fast-check';

// Shape-breaking mutations of a valid JSON reply, for property tests: a value replaced by one of
// another JSON type, or an object's key deleted. Array elements are never deleted: a list one entry
// shorter is still a well-formed reply (one order fewer), not a broken one.

/** Fixed seed and bounded runs, so CI time is predictable and a failure replays the same way. */
export const PROPERTY_RUNS = { seed: 1, numRuns: 200 } as const;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonPath = (string | number)[];

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Every path under `root` (not `root` itself), depth first. */
export function pathsOf(root: Json, prefix: JsonPath = []): JsonPath[] {
  if (root === null || typeof root !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(root)
    ? root.map((value, index) => [index, value])
    : Object.entries(root);
  return entries.flatMap(([key, value]) => [[...prefix, key], ...pathsOf(value, [...prefix, key])]);
}

export interface Mutation {
  /**
   * Which path: `level` picks a depth among those present and `pick` a path at that depth (each
   * modulo their number), so the few shallow fields that decide a reply are broken as often as the
   * many deep ones.
   */
  level: number;
  pick: number;
  /** Delete the key (objects only; an array element is replaced instead). */
  remove: boolean;
  /** The replacement, used only when its JSON type differs from the value's. */
  value: Json;
}

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  level: fc.nat(),
  pick: fc.nat(),
  remove: fc.boolean(),
  // null often: it is what a server leaves in place of a value, and what a lenient reader may skip.
  value: fc.oneof(
    { arbitrary: fc.constant<Json>(null), weight: 2 },
    fc.constantFrom<Json>('', 0, true, false, [], {}),
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  ),
});

/** Applies the mutations in turn to a copy of `root`, each at a path of what the previous left. */
export function mutate(root: Json, mutations: readonly Mutation[], allowed: (path: JsonPath) => boolean = () => true) {
  const copy = structuredClone(root);
  const applied: string[] = [];
  for (const mutation of mutations) {
    const paths = pathsOf(copy).filter(allowed);
    if (paths.length === 0) break;
    const depths = [...new Set(paths.map((path) => path.length))];
    const depth = depths[mutation.level % depths.length]!;
    const atDepth = paths.filter((path) => path.length === depth);
    const path = atDepth[mutation.pick % atDepth.length]!;
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
    const key = path[path.length - 1]!;
    if (mutation.remove && !Array.isArray(parent)) {
      delete parent[key];
      applied.push(`delete ${path.join('.')}`);
    } else {
      // A value of the same type is no shape change: make it one of another type.
      const value = typeOf(mutation.value) === typeOf(parent[key]) ? (parent[key] === null ? 0 : null) : mutation.value;
      parent[key] = value;
      applied.push(`${path.join('.')} = ${JSON.stringify(value)}`);
    }
  }
  return { mutated: copy, applied };
}
