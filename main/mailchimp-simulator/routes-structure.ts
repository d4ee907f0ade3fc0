import { assertBody, categoryPostSchema, interestPostSchema, mergeFieldPostSchema } from './body-schema.js';
import { addCategory, addInterest, addMergeField, categoryOf, interestCounts, type NewMergeField } from './list-ops.js';
import { notFound } from './problem.js';
import { page } from './query.js';
import { collectionLinks, renderCategory, renderInterest, renderMergeField } from './render.js';
import { listOf, type Route } from './router.js';
import type { CategoryType } from './types.js';

/** Merge fields, interest categories and interests. */
export const structureRoutes: Route[] = [
  {
    method: 'GET',
    template: '/lists/{list_id}/merge-fields',
    handle: (ctx) => {
      const list = listOf(ctx);
      const type = ctx.query.get('type');
      const required = ctx.query.get('required');
      const all = list.merge_fields.filter((f) => (!type || f.type === type) && (required === null || String(f.required) === required.toLowerCase()));
      return {
        status: 200,
        body: {
          merge_fields: page(all, ctx.query).map((f) => renderMergeField(list, f, ctx.base)),
          list_id: list.id,
          total_items: all.length,
          _links: collectionLinks(ctx.base, `/lists/${list.id}/merge-fields`, `/lists/${list.id}`, 'Lists/MergeFields'),
        },
      };
    },
  },
  {
    method: 'POST',
    template: '/lists/{list_id}/merge-fields',
    handle: (ctx) => {
      const list = listOf(ctx);
      const input = assertBody<NewMergeField>(mergeFieldPostSchema, ctx.body);
      return { status: 200, body: renderMergeField(list, addMergeField(list, input, ctx.config.maxMergeFields), ctx.base) };
    },
  },
  {
    method: 'GET',
    template: '/lists/{list_id}/merge-fields/{merge_id}',
    handle: (ctx) => {
      const list = listOf(ctx);
      const field = list.merge_fields.find((f) => String(f.merge_id) === ctx.params.merge_id);
      if (!field) throw notFound();
      return { status: 200, body: renderMergeField(list, field, ctx.base) };
    },
  },
  {
    method: 'GET',
    template: '/lists/{list_id}/interest-categories',
    handle: (ctx) => {
      const list = listOf(ctx);
      const type = ctx.query.get('type');
      const all = list.categories.filter((c) => !type || c.type === type);
      return {
        status: 200,
        body: {
          list_id: list.id,
          categories: page(all, ctx.query).map((c) => renderCategory(list, c, ctx.base)),
          total_items: all.length,
          _links: collectionLinks(ctx.base, `/lists/${list.id}/interest-categories`, `/lists/${list.id}`, 'Lists/InterestCategories'),
        },
      };
    },
  },
  {
    method: 'POST',
    template: '/lists/{list_id}/interest-categories',
    handle: (ctx) => {
      const list = listOf(ctx);
      const input = assertBody<{ title: string; type: CategoryType; display_order?: number }>(categoryPostSchema, ctx.body);
      return { status: 200, body: renderCategory(list, addCategory(ctx.state, list, input), ctx.base) };
    },
  },
  {
    method: 'GET',
    template: '/lists/{list_id}/interest-categories/{interest_category_id}',
    handle: (ctx) => {
      const list = listOf(ctx);
      return { status: 200, body: renderCategory(list, categoryOf(list, ctx.params.interest_category_id ?? ''), ctx.base) };
    },
  },
  {
    method: 'GET',
    template: '/lists/{list_id}/interest-categories/{interest_category_id}/interests',
    handle: (ctx) => {
      const list = listOf(ctx);
      const category = categoryOf(list, ctx.params.interest_category_id ?? '');
      const all = list.interests.filter((i) => i.category_id === category.id);
      const counts = interestCounts(list);
      const path = `/lists/${list.id}/interest-categories/${category.id}`;
      return {
        status: 200,
        body: {
          interests: page(all, ctx.query).map((i) => renderInterest(list, i, counts.get(i.id) ?? 0, ctx.base)),
          list_id: list.id,
          category_id: category.id,
          total_items: all.length,
          _links: collectionLinks(ctx.base, `${path}/interests`, path, 'Lists/InterestCategories/Interests'),
        },
      };
    },
  },
  {
    method: 'POST',
    template: '/lists/{list_id}/interest-categories/{interest_category_id}/interests',
    handle: (ctx) => {
      const list = listOf(ctx);
      const input = assertBody<{ name: string; display_order?: number }>(interestPostSchema, ctx.body);
      const interest = addInterest(ctx.state, list, ctx.params.interest_category_id ?? '', input, ctx.config.maxInterests);
      return { status: 200, body: renderInterest(list, interest, 0, ctx.base) };
    },
  },
];
