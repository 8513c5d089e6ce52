import type { z } from 'zod';
import type { AppContext } from './context.ts';

/** Parses request input with a resource's schema; a ZodError becomes a 400 in the error handler. */
export function parseBody<S extends z.ZodType>(ctx: AppContext, schema: S): z.output<S> {
  return schema.parse(ctx.request.body ?? {});
}

export function parseQuery<S extends z.ZodType>(ctx: AppContext, schema: S): z.output<S> {
  return schema.parse(ctx.query);
}

export function parseParams<S extends z.ZodType>(ctx: AppContext & { params?: Record<string, string> }, schema: S): z.output<S> {
  return schema.parse(ctx.params ?? {});
}
