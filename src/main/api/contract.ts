// How a module declares its API methods: input schema, result type, permission, read/write mode.
// Pure TypeScript + zod so the renderer can import the types without pulling Node code.
import type { z } from 'zod';
import type { Permission } from './permissions';

/** 'public': no session needed; 'session': any signed-in user; otherwise any one of the permissions. */
export type Access = 'public' | 'session' | Permission | readonly Permission[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, R = unknown> {
  input: I;
  access: Access;
  /** 'write' runs in an IMMEDIATE transaction and is audited; 'read' runs in a deferred one. */
  mode: 'read' | 'write';
  summary: string;
  /** Result shape for docs/api.md (the TypeScript type is carried by `result`). */
  returns: string;
  /** Phantom: only its type is used. */
  result: R;
}

export type ContractMap = Record<string, MethodSpec>;

/** Declares one method; `R` is the result type. */
export function method<R>() {
  return <I extends z.ZodType>(spec: Omit<MethodSpec<I, R>, 'result'>): MethodSpec<I, R> => ({
    ...spec,
    result: undefined as unknown as R,
  });
}
