// Plain lines for following a provisioning in a terminal or a log file: no colours, no cursor tricks,
// one event per line, times in UTC so lines from different machines sort together.
import type { HistoryEntry } from '../../domain/status';
import type { ProgressEvent } from '../progress';
import type { ProvisioningOutcome } from '../provisioning';

const LABEL_WIDTH = 18; // the longest step, AWAIT_ACTIVATION, plus two spaces

/** "2030-01-01T00:00:01.123Z" → "2030-01-01 00:00:01Z"; text that is not a time is shown as given. */
export function formatTime(time: string | Date): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) return String(time);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

function line(time: string | Date, label: string, text: string): string {
  return `${formatTime(time)}  ${label.padEnd(LABEL_WIDTH)}${text}`;
}

export function historyLine(entry: HistoryEntry): string {
  return line(entry.at, entry.step, entry.detail);
}

/** The last line of a watch: how it ended, in a form a script can grep. */
export function outcomeLine(requestId: string, outcome: ProvisioningOutcome): string {
  switch (outcome.status) {
    case 'ACTIVE': {
      const { serviceId, orderId, monthlyPriceUsd } = outcome.result;
      return `Provisioning ${requestId} is ACTIVE: service ${serviceId}, order ${orderId}, $${monthlyPriceUsd}/month.`;
    }
    case 'FAILED':
      return `Provisioning ${requestId} FAILED (${outcome.failureType}): ${outcome.message}`;
    default:
      return `Provisioning ${requestId} ended ${outcome.status}: ${outcome.message}`;
  }
}

/** One line per event; `now` stamps what the status query does not time itself. */
export function progressLine(requestId: string, event: ProgressEvent, now: Date): string {
  switch (event.kind) {
    case 'step':
      return line(event.at, event.step, event.detail);
    case 'quote':
      return line(
        event.at ?? now,
        'quote',
        `${event.quote.id}: $${event.quote.monthlyPriceUsd}/month, valid until ${formatTime(event.quote.expiresAt)}`,
      );
    case 'awaiting-approval':
      return line(
        event.at ?? now,
        'approval needed',
        `lumen-iod approve ${requestId} --quote ${event.quote.id}   (add --reject to decline)`,
      );
    case 'order':
      return line(event.at ?? now, 'order', event.orderId);
    case 'service':
      return line(event.at ?? now, 'service', event.serviceId);
    case 'error':
      return line(now, 'last error', event.message);
    case 'no-worker':
      return line(now, 'no worker', `${event.message} (still watching)`);
    case 'outcome':
      return outcomeLine(requestId, event.outcome);
  }
}
