/** How one field of an event is stored, so it can be written back exactly. */
export const FieldType = {
  Int: 0,
  Float: 1,
  Str: 2,
  True: 3,
  False: 4,
  Null: 5,
  /** Arrays and objects, kept as their JSON text. */
  Json: 6,
  Kind: 7,
  Seq: 8,
  Time: 9,
} as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

/** The keys of an event kind in their original order, and how each is stored. */
export interface Shape {
  id: number;
  kind: string;
  keys: readonly string[];
  types: readonly FieldType[];
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

function fieldType(key: string, value: unknown): FieldType | null {
  if (key === 'kind') return FieldType.Kind;
  switch (typeof value) {
    case 'number':
      if (key === 'seq') return FieldType.Seq;
      if (key === 't') return FieldType.Time;
      return Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX
        ? FieldType.Int
        : FieldType.Float;
    case 'string':
      return FieldType.Str;
    case 'boolean':
      return value ? FieldType.True : FieldType.False;
    case 'undefined':
      return null; // JSON leaves it out, and so do we
    default:
      return value === null ? FieldType.Null : FieldType.Json;
  }
}

/**
 * Every shape seen so far. Events of one kind nearly always share one shape, so the last shape of each
 * kind is tried first and a lookup by key string is the rare path.
 */
export class ShapeTable {
  private readonly shapes: Shape[] = [];
  private readonly byKey = new Map<string, Shape>();
  private readonly lastOfKind = new Map<string, Shape>();

  get(id: number): Shape {
    return this.shapes[id] as Shape;
  }

  of(event: Readonly<Record<string, unknown>>, kind: string): Shape {
    const last = this.lastOfKind.get(kind);
    if (last && matches(last, event)) return last;
    const keys: string[] = [];
    const types: FieldType[] = [];
    for (const key in event) {
      const type = fieldType(key, event[key]);
      if (type === null) continue;
      keys.push(key);
      types.push(type);
    }
    const key = `${kind}\u0001${keys.join('\u0002')}\u0001${types.join(',')}`;
    let shape = this.byKey.get(key);
    if (!shape) {
      if (this.shapes.length >= 0xffff) throw new Error('too many event shapes');
      shape = { id: this.shapes.length, kind, keys, types };
      this.shapes.push(shape);
      this.byKey.set(key, shape);
    }
    this.lastOfKind.set(kind, shape);
    return shape;
  }
}

function matches(shape: Shape, event: Readonly<Record<string, unknown>>): boolean {
  let i = 0;
  for (const key in event) {
    const type = fieldType(key, event[key]);
    if (type === null) continue;
    if (shape.keys[i] !== key || shape.types[i] !== type) return false;
    i += 1;
  }
  return i === shape.keys.length;
}
