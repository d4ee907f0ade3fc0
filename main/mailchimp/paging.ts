/** Mailchimp's largest page. The default page is 10, which silently truncates groups and fields. */
export const MAX_PAGE_SIZE = 1000;

export type Page<T> = { items: T[]; totalItems: number };

/**
 * Fetches every page of a collection with an explicit `count`, walking `offset` until `total_items` is
 * reached. Never trusts one page: a short page with more items announced still asks for the next one.
 */
export async function fetchAllPages<T>(
  fetchPage: (offset: number, count: number) => Promise<Page<T>>,
  opts: { pageSize?: number; onPage?: (items: T[]) => void } = {},
): Promise<T[]> {
  const count = Math.min(MAX_PAGE_SIZE, Math.max(1, opts.pageSize ?? MAX_PAGE_SIZE));
  const all: T[] = [];
  let offset = 0;
  for (;;) {
    const page = await fetchPage(offset, count);
    all.push(...page.items);
    opts.onPage?.(page.items);
    offset += page.items.length;
    // An empty page ends the walk even if total_items disagrees (a member removed meanwhile).
    if (page.items.length === 0 || offset >= page.totalItems) return all;
  }
}
