import type { LabEvent } from '../../../contract/events';
import { FieldType, type Shape, type ShapeTable } from './shapes';

/** 65,536 events a block: big enough to keep the per-block cost small, small enough to evict in steps. */
export const DEFAULT_BLOCK_BITS = 16;
/** Short strings (addresses, causes, client ids) repeat; longer ones (payloads) rarely do. */
const INTERN_MAX_LENGTH = 40;
/** Values that repeat are few; past this many distinct ones a block stops looking. */
const INTERN_MAX_ENTRIES = 1_024;
/** Free-form fields (payloads, printed lines, messages) are never worth looking up. */
const FREE_FORM = new Set(['data', 'text', 'line', 'message']);

const floatScratch = new Float64Array(1);
const intScratch = new Int32Array(floatScratch.buffer);

/**
 * A block of events in columns: time, seq and kind for drawing and searching, and every other field
 * packed into one Int32 pool (strings by index), so an event can be written back exactly as it came.
 */
export class EventBlock {
  length = 0;
  readonly t: Float64Array;
  readonly seq: Float64Array;
  readonly kind: Uint8Array;
  private readonly shape: Uint16Array;
  private readonly valueAt: Uint32Array;
  private values: Int32Array;
  private valuesUsed = 0;
  private readonly strings: string[] = [];
  private intern: Map<string, number> | null = new Map();

  constructor(
    /** Absolute index of the block's first event. */
    readonly base: number,
    private readonly shapes: ShapeTable,
    readonly capacity: number,
  ) {
    this.t = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.shape = new Uint16Array(capacity);
    this.valueAt = new Uint32Array(capacity);
    this.values = new Int32Array(capacity * 2);
  }

  get full(): boolean {
    return this.length === this.capacity;
  }

  /** Stores the event; returns its offset in the block. */
  append(event: LabEvent, kindCode: number): number {
    const offset = this.length++;
    const record = event as unknown as Readonly<Record<string, unknown>>;
    const shape = this.shapes.of(record, event.kind);
    this.t[offset] = event.t;
    this.seq[offset] = event.seq;
    this.kind[offset] = kindCode;
    this.shape[offset] = shape.id;
    this.valueAt[offset] = this.valuesUsed;
    for (let i = 0; i < shape.keys.length; i++) {
      const value = record[shape.keys[i] as string];
      switch (shape.types[i]) {
        case FieldType.Int:
          this.pushValue(value as number);
          break;
        case FieldType.Float:
          floatScratch[0] = value as number;
          this.pushValue(intScratch[0] as number);
          this.pushValue(intScratch[1] as number);
          break;
        case FieldType.Str:
          this.pushValue(this.addString(value as string, !FREE_FORM.has(shape.keys[i] as string)));
          break;
        case FieldType.Json:
          this.pushValue(this.addString(JSON.stringify(value), false));
          break;
      }
    }
    if (this.full) this.intern = null; // nothing more to share with
    return offset;
  }

  /** The event at `offset`, rebuilt with its keys in their original order. */
  decode(offset: number): LabEvent {
    const shape = this.shapes.get(this.shape[offset] as number);
    const out: Record<string, unknown> = {};
    let at = this.valueAt[offset] as number;
    for (let i = 0; i < shape.keys.length; i++) {
      const key = shape.keys[i] as string;
      switch (shape.types[i]) {
        case FieldType.Int:
          out[key] = this.values[at++];
          break;
        case FieldType.Float:
          intScratch[0] = this.values[at++] as number;
          intScratch[1] = this.values[at++] as number;
          out[key] = floatScratch[0];
          break;
        case FieldType.Str:
          out[key] = this.strings[this.values[at++] as number];
          break;
        case FieldType.Json:
          out[key] = JSON.parse(this.strings[this.values[at++] as number] as string);
          break;
        case FieldType.True:
          out[key] = true;
          break;
        case FieldType.False:
          out[key] = false;
          break;
        case FieldType.Null:
          out[key] = null;
          break;
        case FieldType.Kind:
          out[key] = shape.kind;
          break;
        case FieldType.Seq:
          out[key] = this.seq[offset];
          break;
        case FieldType.Time:
          out[key] = this.t[offset];
          break;
      }
    }
    return out as unknown as LabEvent;
  }

  shapeOf(offset: number): Shape {
    return this.shapes.get(this.shape[offset] as number);
  }

  private pushValue(value: number): void {
    if (this.valuesUsed === this.values.length) {
      const next = new Int32Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.valuesUsed++] = value;
  }

  private addString(value: string, share: boolean): number {
    if (share && this.intern && value.length <= INTERN_MAX_LENGTH) {
      const known = this.intern.get(value);
      if (known !== undefined) return known;
      if (this.intern.size < INTERN_MAX_ENTRIES) this.intern.set(value, this.strings.length);
    }
    this.strings.push(value);
    return this.strings.length - 1;
  }
}
