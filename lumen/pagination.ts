// Follows a paged list to its end: until `total` records have arrived, a page comes back empty, or the
// server stops honouring page numbers — and never past MAX_PAGES.
import { FIRST_PAGE, MAX_PAGES, REQUESTED_PAGE_SIZE } from './assumptions';
import { LumenApiError } from './errors';
import type { PageInfo } from './schemas/paging';

export interface Page<Item> extends PageInfo {
  items: Item[];
}

export interface PagingOptions {
  endpoint: string;
  pageSize?: number;
  maxPages?: number;
}

export async function collectPages<Item>(
  fetchPage: (pageNumber: number, pageSize: number) => Promise<Page<Item>>,
  options: PagingOptions,
): Promise<Item[]> {
  const pageSize = options.pageSize ?? REQUESTED_PAGE_SIZE;
  const maxPages = options.maxPages ?? MAX_PAGES;
  const items: Item[] = [];
  for (let pageNumber = FIRST_PAGE; pageNumber < FIRST_PAGE + maxPages; pageNumber++) {
    const page = await fetchPage(pageNumber, pageSize);
    // A server that ignores the page number repeats a page it already sent: drop it and stop.
    if (pageNumber !== FIRST_PAGE && page.pageNumber !== undefined && page.pageNumber !== pageNumber) return items;
    items.push(...page.items);
    if (page.items.length === 0) return items;
    if (page.total !== undefined && items.length >= page.total) return items;
    // With no paging information at all, a short page is the last one (the server may not page at all).
    if (page.total === undefined && page.pageNumber === undefined && page.items.length < pageSize) return items;
  }
  throw new LumenApiError({
    endpoint: options.endpoint,
    lumenMessage: `list did not end after ${maxPages} pages of ${pageSize}`,
    retryable: false,
    outcomeUnknown: false,
  });
}
