// The service's events for people. change.failed here; the outside-change and budget events use the
// same notify() with the service's settings.
import type { ChangeRequest } from '../../domain/service';
import { formatMbps } from '../../domain/speed';
import { notify } from '../notifications/notify';
import type { Service } from './state';

export async function announceChangeFailed(
  s: Service,
  change: ChangeRequest,
  previousMbps: number | undefined,
  failure: { type: string; message: string },
): Promise<void> {
  const target = formatMbps(change.mbps);
  const from = previousMbps === undefined ? 'its speed' : formatMbps(previousMbps);
  await notify(
    s.settings,
    {
      type: 'change.failed',
      key: change.changeId,
      customerNumber: s.plan.customerNumber,
      ...(s.plan.requestId ? { requestId: s.plan.requestId } : {}),
      serviceId: s.serviceId,
      summary:
        `Change ${change.changeId} of service ${s.serviceId} (${from} → ${target}) failed (${failure.type}): ` +
        `${failure.message}; the service is unchanged`,
      details: {
        changeId: change.changeId,
        speed: target,
        previousSpeed: previousMbps === undefined ? null : formatMbps(previousMbps),
        failureType: failure.type,
        message: failure.message,
        workflowId: s.workflowId,
      },
    },
    s.progress,
  );
}
