import type { BatchOperation, BatchStore } from './batch-ops.js';
import { assertBody, type BodySchema } from './body-schema.js';
import { page } from './query.js';
import type { Route } from './router.js';

const str = { type: 'string' } as const;

/** `POST /batches` body (batches.yml): `operations[]` of `{method, path, params?, body?, operation_id?}`. */
const batchPostSchema: BodySchema = {
  type: 'object',
  required: ['operations'],
  properties: {
    operations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['method', 'path'],
        properties: {
          method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
          path: str,
          params: { type: 'object', values: { type: 'any' } },
          body: str,
          operation_id: str,
        },
      },
    },
  },
};

/** Batch Operations: start, list, poll and delete. */
export function batchOperationRoutes(store: BatchStore): Route[] {
  return [
    {
      method: 'POST',
      template: '/batches',
      handle: (ctx) => {
        const body = assertBody<{ operations: BatchOperation[] }>(batchPostSchema, ctx.body);
        return { status: 200, body: store.render(store.submit(body.operations, ctx.now)) };
      },
    },
    {
      method: 'GET',
      template: '/batches',
      handle: (ctx) => {
        const all = store.list();
        return {
          status: 200,
          body: {
            batches: page(all, ctx.query).map((b) => store.render(b)),
            total_items: all.length,
            _links: [{ rel: 'self', href: `${ctx.base}/batches`, method: 'GET' }],
          },
        };
      },
    },
    { method: 'GET', template: '/batches/{batch_id}', handle: (ctx) => ({ status: 200, body: store.render(store.get(ctx.params.batch_id ?? '')) }) },
    {
      method: 'DELETE',
      template: '/batches/{batch_id}',
      handle: (ctx) => {
        store.remove(ctx.params.batch_id ?? '');
        return { status: 204 };
      },
    },
  ];
}
