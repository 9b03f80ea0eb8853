// The provisioning's signal, query and update, under the public names of domain/names.ts.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { QUERY_STATUS, SIGNAL_LUMEN_NOTIFICATION, UPDATE_APPROVE_PRICE } from '../domain/names';
import type { LumenNotification } from '../domain/notification';
import type { ApprovePriceInput, ProvisioningStatus } from '../domain/status';

/** One Lumen webhook event, exactly as delivered. Duplicates and out-of-order events are harmless. */
export const lumenNotificationSignal = defineSignal<[LumenNotification]>(SIGNAL_LUMEN_NOTIFICATION);

export const statusQuery = defineQuery<ProvisioningStatus>(QUERY_STATUS);

/** Accepted only while the workflow waits for approval of exactly this quote; answers with what happens next. */
export const approvePriceUpdate = defineUpdate<string, [ApprovePriceInput]>(UPDATE_APPROVE_PRICE);
