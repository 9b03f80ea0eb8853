// A service workflow whose first run continues as new with a change accepted and unanswered, which no
// build of the project's does (it answers every update before it continues): the one case the client's
// update delivery (client/update-delivery.ts) follows an update to the next run for, staged on a real
// server. The next run answers the change sent again.
import { HandlerUnfinishedPolicy } from '@temporalio/common';
import { condition, continueAsNew, defineUpdate, setHandler } from '@temporalio/workflow';
import type { ChangeBandwidthInput, ChangeResult } from '../../domain/service';
import { UPDATE_CHANGE_BANDWIDTH } from '../../domain/service-names';

const changeBandwidthUpdate = defineUpdate<ChangeResult, [ChangeBandwidthInput]>(UPDATE_CHANGE_BANDWIDTH);

export async function manageInternetOnDemandService(input: unknown, nextRun = false): Promise<void> {
  let accepted = false;
  setHandler(
    changeBandwidthUpdate,
    async (change) => {
      accepted = true;
      await condition(() => nextRun);
      return {
        changeId: change.changeId,
        status: 'ACTIVE',
        speed: change.speed,
        previousSpeed: '100 Mbps',
        orderId: null,
        quoteId: null,
        hourlyPriceUsd: null,
        monthlyPriceUsd: null,
        completedAt: new Date().toISOString(),
      };
    },
    { unfinishedPolicy: HandlerUnfinishedPolicy.ABANDON },
  );
  if (nextRun) return condition(() => false);
  await condition(() => accepted);
  await continueAsNew<typeof manageInternetOnDemandService>(input, true);
}
