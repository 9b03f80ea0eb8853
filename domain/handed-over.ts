// What a service's workflow would publish in its first workflow task when its provisioning hands it
// over active: computed here so that whoever starts it (activities/handover.ts) starts it with that memo
// and those search attributes, and the workflow, finding them set, upserts nothing.
import type { ServiceInput } from './service';
import { INVENTORY_MEMO_KEY, type InventoryMemo } from './service-names';
import { openAccount, SPEND_MEMO, type SpendMemo } from './spend';
import { formatMbps } from './speed';

/** Lumen's word for a service the provisioning saw active (what the service workflow learns at start). */
export const HANDED_OVER_STATUS = 'Active';

/** The memo a service handed over active publishes first: its inventory as known, its account opened at activation. */
export function handedOverMemo(handedOver: ServiceInput['handedOver']): Record<string, unknown> | undefined {
  if (handedOver?.hourlyCents === undefined || handedOver.activatedAt === undefined) return undefined;
  const inventory: InventoryMemo = { status: HANDED_OVER_STATUS, mbps: handedOver.bandwidthMbps };
  if (handedOver.hourlyCents === 0) return { [INVENTORY_MEMO_KEY]: inventory }; // never priced: no account
  const spend: SpendMemo = {
    speed: formatMbps(handedOver.bandwidthMbps),
    account: openAccount(Date.parse(handedOver.activatedAt), handedOver.hourlyCents),
  };
  return { [INVENTORY_MEMO_KEY]: inventory, [SPEND_MEMO]: spend };
}
