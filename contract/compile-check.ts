import * as v from 'valibot';

/** Whether a value passes one schema. */
export type Check = (value: unknown) => boolean;

/** The parts of a valibot schema the compiler reads; anything else is left to valibot itself. */
interface SchemaParts {
  type: string;
  pipe?: readonly { type: string; kind: string; requirement?: unknown; pipe?: unknown }[];
  wrapped?: SchemaParts;
  item?: SchemaParts;
  options?: readonly unknown[];
  literal?: unknown;
  entries?: Record<string, SchemaParts>;
  /** A variant's discriminating key. */
  key?: string;
  default?: unknown;
  fallback?: unknown;
  /** A custom schema's own test. */
  check?: (value: unknown) => unknown;
}

const isNumber: Check = (value) => typeof value === 'number' && !Number.isNaN(value);

/** A number schema's pipe (finite, integer, a minimum) as one check; null when it holds another action. */
function numberPipe(actions: SchemaParts['pipe']): Check | null {
  let finite = false;
  let integer = false;
  let min = Number.NEGATIVE_INFINITY;
  if (actions?.[0]?.pipe) return null; // a pipe within a pipe
  for (const action of actions?.slice(1) ?? []) {
    if (action.kind === 'metadata') continue; // a title or a description: valibot skips it too
    if (action.type === 'finite') finite = true;
    else if (action.type === 'integer') integer = true;
    else if (action.type === 'min_value' && typeof action.requirement === 'number')
      min = Math.max(min, action.requirement);
    else return null;
  }
  // Integers are finite, and finite numbers are not NaN: each case is one test of the value.
  if (integer) return (value) => Number.isInteger(value) && (value as number) >= min;
  if (finite) return (value) => Number.isFinite(value) && (value as number) >= min;
  return (value) => isNumber(value) && (value as number) >= min;
}

function compileParts(schema: SchemaParts): Check | null {
  if (schema.default !== undefined || schema.fallback !== undefined) return null;
  if (schema.pipe) return schema.type === 'number' ? numberPipe(schema.pipe) : null;
  switch (schema.type) {
    case 'unknown':
      return () => true;
    case 'number':
      return isNumber;
    case 'string':
      return (value) => typeof value === 'string';
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'literal': {
      const { literal } = schema;
      // SameValueZero, as valibot: a NaN literal takes NaN.
      return Number.isNaN(literal) ? (value) => Number.isNaN(value) : (value) => value === literal;
    }
    case 'picklist': {
      const options = new Set(schema.options);
      return (value) => options.has(value);
    }
    case 'nullable': {
      const inner = schema.wrapped && compileParts(schema.wrapped);
      return inner ? (value) => value === null || inner(value) : null;
    }
    case 'optional': {
      const inner = schema.wrapped && compileParts(schema.wrapped);
      return inner ? (value) => value === undefined || inner(value) : null;
    }
    case 'array': {
      const item = schema.item && compileParts(schema.item);
      if (!item) return null;
      return (value) => {
        if (!Array.isArray(value)) return false;
        // Every index, holes too (as undefined): `every` would skip them, valibot does not.
        for (let i = 0; i < value.length; i++) if (!item(value[i])) return false;
        return true;
      };
    }
    case 'object': {
      const entries = schema.entries ?? {};
      const keys = Object.keys(entries);
      const checks = keys.map((key) => compileParts(entries[key] as SchemaParts));
      if (checks.some((check) => check === null)) return null;
      const fields = checks as Check[];
      // As valibot: a key that is there is checked, even when undefined; a missing one only optional may be.
      const mayLack = keys.map((key) => entries[key]?.type === 'optional');
      return (value) => {
        if (typeof value !== 'object' || value === null) return false;
        const record = value as Record<string, unknown>;
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i] as string;
          if (key in record ? !(fields[i] as Check)(record[key]) : !mayLack[i]) return false;
        }
        return true;
      };
    }
    case 'custom': {
      const { check } = schema;
      return check ? (value) => Boolean(check(value)) : null;
    }
    case 'variant':
      return variantCheck(schema);
    default:
      return null;
  }
}

/** A variant of objects told apart by a literal at `key`, as a lookup of that literal's check. */
function variantCheck({ key, options }: SchemaParts): Check | null {
  if (key === undefined) return null;
  const byLiteral = new Map<unknown, Check>();
  for (const option of (options ?? []) as SchemaParts[]) {
    const discriminator = option.entries?.[key];
    const check = option.type === 'object' ? compileParts(option) : null;
    // Two options on one literal are tried in turn by valibot: a lookup cannot say which, so valibot decides.
    if (discriminator?.type !== 'literal' || check === null || byLiteral.has(discriminator.literal))
      return null;
    byLiteral.set(discriminator.literal, check);
  }
  return (value) =>
    typeof value === 'object' &&
    value !== null &&
    (byLiteral.get((value as Record<string, unknown>)[key])?.(value) ?? false);
}

/**
 * `v.is(schema, value)` as plain closures, for the schemas the event stream is checked against a million times:
 * the same rules, read from the schema itself, without valibot's per-field bookkeeping (×4–5 faster on the
 * echo events). A schema with a part the compiler does not know (another action, a default, a transform) is
 * left to valibot whole.
 */
export function compileCheck(schema: v.GenericSchema): Check {
  return compiledOnly(schema) ?? ((value) => v.is(schema, value));
}

/** The compiled check alone; null when some part of the schema is one only valibot can check. */
export function compiledOnly(schema: v.GenericSchema): Check | null {
  return compileParts(schema as unknown as SchemaParts);
}
