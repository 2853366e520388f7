/** Each op takes at most one JSON argument and returns JSON (or a promise of it). */
export type Api = Record<string, (arg: never) => unknown>;

export interface RpcRequest {
  id: number;
  op: string;
  arg: unknown;
}

export type RpcReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
