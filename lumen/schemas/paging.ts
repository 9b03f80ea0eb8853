// Where a list response says which page it is and how many records exist: a `pagination` array (providers,
// locations), a `pagination` object, or top-level fields (billing accounts, inventory).
import { z } from 'zod';
import { PAGE_NUMBER_PARAM, PAGE_SIZE_PARAM, RESULT_COUNT_IS_TOTAL } from '../assumptions';
import { oneOrMany, optionalNumber, tolerantObject } from './tolerant';

const pageInfoShape = {
  pageNumber: optionalNumber,
  pageSize: optionalNumber,
  totalRecords: optionalNumber,
  resultCount: optionalNumber,
};

const pageInfoSchema = tolerantObject(pageInfoShape);

/** Spread into every list schema. A malformed pagination block is ignored: pages then run until one is empty. */
export const pagingShape = {
  ...pageInfoShape,
  pagination: oneOrMany(pageInfoSchema).nullish().catch(undefined),
};

type PagingFields = z.output<z.ZodObject<typeof pagingShape>>;

export interface PageInfo {
  pageNumber?: number;
  total?: number;
}

export function pageInfoOf(body: PagingFields): PageInfo {
  const block = body.pagination?.[0];
  const pageNumber = block?.pageNumber ?? body.pageNumber ?? undefined;
  const resultCount = RESULT_COUNT_IS_TOTAL ? (block?.resultCount ?? body.resultCount) : undefined;
  const total = block?.totalRecords ?? body.totalRecords ?? resultCount ?? undefined;
  return { pageNumber, total };
}

/** The page parameters every paged request sends. */
export const pageQueryShape = {
  [PAGE_NUMBER_PARAM]: z.string().regex(/^\d+$/),
  [PAGE_SIZE_PARAM]: z.string().regex(/^\d+$/),
};

export function pageQuery(pageNumber: number, pageSize: number) {
  return { [PAGE_NUMBER_PARAM]: String(pageNumber), [PAGE_SIZE_PARAM]: String(pageSize) };
}
