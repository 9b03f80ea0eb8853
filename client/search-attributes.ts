// Typed keys for the project's Keyword search attributes, by name, for starting and reading workflows.
import { defineSearchAttributeKey, SearchAttributeType, type TypedSearchAttributes } from '@temporalio/common';
import { SEARCH_ATTRIBUTES, type SearchAttributeName } from '../domain/names';

const keywordKey = (name: string) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD);

export const searchAttributeKey = Object.fromEntries(
  SEARCH_ATTRIBUTES.map((name) => [name, keywordKey(name)]),
) as Record<SearchAttributeName, ReturnType<typeof keywordKey>>;

/** The attribute's value, or null when the workflow has not set it (yet). */
export function readKeyword(attributes: TypedSearchAttributes, name: SearchAttributeName): string | null {
  const value = attributes.get(searchAttributeKey[name]);
  return typeof value === 'string' ? value : null;
}
