// The `service` command's report: what Temporal knows (execution, search attributes) and what the
// service's workflow says about itself (the service query), side by side.
import type { ChangeResult, ServiceView } from '../../domain/service';
import type { ServiceOutcome } from '../service';
import type { ServiceSummary } from '../service-summary';
import { formatTime } from './progress-lines';

export interface ServiceReport {
  summary: ServiceSummary;
  service: ServiceView | null;
  /** Why `service` is missing (no worker answered, or the run ended before it could answer). */
  serviceUnavailable?: string;
  outcome?: ServiceOutcome;
}

const dash = (value: string | null | undefined) => value || '-';

function row(label: string, value: string): string {
  return `${label.padEnd(15)}${value}`;
}

function lastChangeText(change: ChangeResult): string {
  if (change.orderId === null) return `${change.changeId}: already at ${change.speed}, nothing ordered`;
  return (
    `${change.changeId}: ${change.previousSpeed} → ${change.speed}, order ${change.orderId}, ` +
    `$${change.monthlyPriceUsd}/month, at ${formatTime(change.completedAt)}`
  );
}

export function outcomeText(outcome: ServiceOutcome): string {
  switch (outcome.status) {
    case 'DISCONNECTED': {
      const { orderId, disconnectedAt, outside } = outcome.result;
      const how = outside ? ' outside the project (nothing ordered)' : '';
      return `DISCONNECTED${how} at ${formatTime(disconnectedAt)}${orderId ? ` (order ${orderId})` : ''}`;
    }
    case 'FAILED':
      return `FAILED (${outcome.failureType}): ${outcome.message}`;
    default:
      return `${outcome.status}: ${outcome.message}`;
  }
}

export function serviceText({ summary, service, serviceUnavailable, outcome }: ServiceReport): string[] {
  const running = summary.status === 'Running';
  const lines = [
    row('Service', `${summary.serviceId} (workflow ${summary.workflowId}, run ${summary.runId})`),
    row(
      'Workflow',
      running
        ? `Running since ${formatTime(summary.startTime)}`
        : `${summary.status} at ${formatTime(summary.closeTime ?? summary.startTime)} (started ${formatTime(summary.startTime)})`,
    ),
    row('Customer', dash(service?.customerNumber ?? summary.customerNumber)),
  ];
  if (!service) {
    lines.push(
      row(
        'Status',
        `${dash(summary.serviceStatus)} (from search attributes; ${serviceUnavailable ?? 'no service view'})`,
      ),
    );
  } else {
    const pending = service.pendingChanges.map((change) => `${change.changeId} → ${change.speed}`).join('; ');
    lines.push(
      row('Status', service.status),
      row('Speed', dash(service.speed)),
      row('Site', `${dash(service.masterSiteId)} (partner ${dash(service.partnerId)})`),
      row('Request', dash(service.requestId)),
      row('Pending', pending || '-'),
      row('Revert', service.revert ? `to ${service.revert.speed} at ${formatTime(service.revert.at)}` : '-'),
      row('Last change', service.lastChange ? lastChangeText(service.lastChange) : '-'),
      row('Changes today', `${service.changesToday} (since midnight GMT)`),
      row(
        'Lumen',
        service.lumenStatus
          ? `"${service.lumenStatus}", last checked ${service.lastCheckedAt ? formatTime(service.lastCheckedAt) : '-'}`
          : '-',
      ),
      row(
        'Spend',
        service.spend
          ? `$${service.spend.hourlyUsd}/hour; $${service.spend.monthToDateUsd} this month, ` +
              `$${service.spend.projectedMonthUsd} projected; $${service.spend.accruedUsd} since ${formatTime(service.spend.since)}`
          : '- (price not known yet)',
      ),
      row(
        'Budget',
        service.budget
          ? `$${service.budget.monthlyBudgetUsd.toFixed(2)} a month` +
              (service.budget.floorSpeed ? `, falls back to ${service.budget.floorSpeed}` : '')
          : '-',
      ),
    );
    if (service.waiting) {
      const until = service.waiting.until ? ` until ${formatTime(service.waiting.until)}` : '';
      lines.push(row('Waiting', `${service.waiting.reason}${until}`));
    }
  }
  if (outcome) lines.push(row('Outcome', outcomeText(outcome)));
  if (service && service.history.length > 0) {
    lines.push('History');
    lines.push(
      ...service.history.map((entry) => `  ${formatTime(entry.at)}  ${entry.status.padEnd(20)}${entry.detail}`),
    );
  }
  return lines;
}
