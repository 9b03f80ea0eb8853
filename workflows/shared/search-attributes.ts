// Typed keys of the custom search attributes operators filter on (all Keyword, registered on the server).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeName } from '../../domain/names';

const keyword = (name: SearchAttributeName) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD);

export const customerNumberKey = keyword('LumenCustomerNumber');
export const stepKey = keyword('LumenStep');
export const orderIdKey = keyword('LumenOrderId');
export const serviceIdKey = keyword('LumenServiceId');
export const masterSiteIdKey = keyword('LumenMasterSiteId');
