// pageNumber/pageSize query parameters, shared by every list endpoint.
import type { FieldError } from './responses';

export interface Paging {
  pageNumber: number;
  pageSize: number;
}

const DEFAULT_PAGE_SIZE = 10;
/** Larger pages are served at this size (the response says so) rather than refused. */
const MAX_PAGE_SIZE = 100;

/** The paging asked for; unreadable values are reported and replaced by the defaults. */
export function readPaging(query: URLSearchParams): { paging: Paging; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const read = (name: keyof Paging, fallback: number): number => {
    const text = query.get(name);
    if (text === null || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) {
      errors.push({ detail: `${name} must be a positive whole number, got "${text}"`, pointer: `/${name}` });
      return fallback;
    }
    return value;
  };
  const pageNumber = read('pageNumber', 1);
  const pageSize = Math.min(read('pageSize', DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  return { paging: { pageNumber, pageSize }, errors };
}

export function pageOf<T>(items: readonly T[], { pageNumber, pageSize }: Paging): T[] {
  return items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
}
