// The `status` command's report: what Temporal knows (execution, search attributes) and what the
// workflow says about itself (the status query), side by side.
import { serviceIdOf } from '../../domain/service';
import type { ProvisioningStatus } from '../../domain/status';
import type { ProvisioningOutcome } from '../provisioning';
import type { ProvisioningSummary } from '../summary';
import { formatTime, historyLine, outcomeLine } from './progress-lines';

export interface StatusReport {
  summary: ProvisioningSummary;
  progress: ProvisioningStatus | null;
  /** Why `progress` is missing (no worker answered, or the run ended before it could answer). */
  progressUnavailable?: string;
  outcome?: ProvisioningOutcome;
}

const dash = (value: string | null | undefined) => value || '-';

function row(label: string, value: string): string {
  return `${label.padEnd(13)}${value}`;
}

export function statusText({ summary, progress, progressUnavailable, outcome }: StatusReport): string[] {
  const running = summary.status === 'Running';
  const lines = [
    row('Request', `${summary.requestId} (workflow ${summary.workflowId}, run ${summary.runId})`),
    row(
      'Workflow',
      running
        ? `Running since ${formatTime(summary.startTime)}`
        : `${summary.status} at ${formatTime(summary.closeTime ?? summary.startTime)} (started ${formatTime(summary.startTime)})`,
    ),
    row('Customer', dash(summary.customerNumber)),
  ];
  if (!progress) {
    lines.push(row('Step', `${dash(summary.step)} (from search attributes; ${progressUnavailable ?? 'no status'})`));
    lines.push(row('Order', dash(summary.orderId)), row('Service', dash(summary.serviceId)));
  } else {
    const quote = progress.quote;
    lines.push(
      row('Step', progress.step),
      row(
        'Quote',
        quote ? `${quote.id}: $${quote.monthlyPriceUsd}/month, valid until ${formatTime(quote.expiresAt)}` : '-',
      ),
      row('Order', dash(progress.orderId)),
      row('Service', dash(progress.serviceId)),
      row('Quotes', `${progress.quotesRequested} requested`),
      row('Last error', dash(progress.lastError)),
    );
    if (progress.step === 'AWAIT_APPROVAL' && quote) {
      lines.push(row('Next', `lumen-iod approve ${summary.requestId} --quote ${quote.id}   (or --reject)`));
    }
  }
  const serviceWorkflowId =
    progress?.serviceWorkflowId ?? (outcome?.status === 'ACTIVE' ? outcome.result.serviceWorkflowId : undefined);
  if (serviceWorkflowId) {
    const serviceId = serviceIdOf(serviceWorkflowId);
    lines.push(row('Managed by', `${serviceWorkflowId}${serviceId ? `   (lumen-iod service ${serviceId})` : ''}`));
  }
  if (outcome) lines.push(row('Outcome', outcomeLine(summary.requestId, outcome)));
  if (progress && progress.history.length > 0) {
    lines.push('History');
    lines.push(...progress.history.map((entry) => `  ${historyLine(entry)}`));
  }
  return lines;
}
