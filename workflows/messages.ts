// The workflows' signals, queries and updates, under the public names of domain/names.ts and
// domain/service.ts.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { QUERY_STATUS, SIGNAL_LUMEN_NOTIFICATION, UPDATE_APPROVE_PRICE } from '../domain/names';
import type { LumenNotification } from '../domain/notification';
import type {
  BudgetAnswer,
  ChangeBandwidthInput,
  ChangeResult,
  DisconnectResult,
  DisconnectServiceInput,
  ServiceView,
  SetBudgetInput,
} from '../domain/service';
import {
  QUERY_SERVICE,
  SIGNAL_RECONCILE,
  UPDATE_CHANGE_BANDWIDTH,
  UPDATE_DISCONNECT,
  UPDATE_SET_BUDGET,
  type InventoryNotice,
} from '../domain/service-names';
import type { ApprovePriceInput, ProvisioningStatus } from '../domain/status';

/** One Lumen webhook event, exactly as delivered. Duplicates and out-of-order events are harmless. */
export const lumenNotificationSignal = defineSignal<[LumenNotification]>(SIGNAL_LUMEN_NOTIFICATION);

export const statusQuery = defineQuery<ProvisioningStatus>(QUERY_STATUS);

/** Accepted only while the workflow waits for approval of exactly this quote; answers with what happens next. */
export const approvePriceUpdate = defineUpdate<string, [ApprovePriceInput]>(UPDATE_APPROVE_PRICE);

// ---- The service's workflow ----------------------------------------------------------------------

export const serviceQuery = defineQuery<ServiceView>(QUERY_SERVICE);

/** Validated at once (format, service state, a reused changeId); completes when the service runs at the new speed. */
export const changeBandwidthUpdate = defineUpdate<ChangeResult, [ChangeBandwidthInput]>(UPDATE_CHANGE_BANDWIDTH);

/** One delete order; completes when inventory shows the service Inactive. */
export const disconnectUpdate = defineUpdate<DisconnectResult, [DisconnectServiceInput]>(UPDATE_DISCONNECT);

/** Sets (or removes, with null) the monthly budget and the speed the service falls back to when it is exceeded. */
export const setBudgetUpdate = defineUpdate<BudgetAnswer, [SetBudgetInput]>(UPDATE_SET_BUDGET);

/** The sweep's word that inventory shows the service otherwise than the workflow last published. */
export const inventoryNoticeSignal = defineSignal<[InventoryNotice]>(SIGNAL_RECONCILE);
