// The receiver's counters, served at GET /metrics in Prometheus' text exposition format.
import type { RejectionReason } from './rejections';

export type DeliveryOutcome = 'signalled' | 'duplicate' | 'no_workflow' | 'temporal_unavailable' | 'busy';

export class ReceiverMetrics {
  received = 0;
  private readonly outcomes = new Map<DeliveryOutcome, number>();
  private readonly rejections = new Map<RejectionReason, number>();

  countOutcome(outcome: DeliveryOutcome): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  countRejection(reason: RejectionReason): void {
    this.rejections.set(reason, (this.rejections.get(reason) ?? 0) + 1);
  }

  outcome(outcome: DeliveryOutcome): number {
    return this.outcomes.get(outcome) ?? 0;
  }

  rejected(reason: RejectionReason): number {
    return this.rejections.get(reason) ?? 0;
  }

  render(): string {
    const lines = [
      '# HELP lumen_webhooks_received_total Webhook deliveries received on POST /webhooks/lumen.',
      '# TYPE lumen_webhooks_received_total counter',
      `lumen_webhooks_received_total ${this.received}`,
      '# HELP lumen_webhooks_signalled_total Events Temporal accepted as a lumenNotification signal.',
      '# TYPE lumen_webhooks_signalled_total counter',
      `lumen_webhooks_signalled_total ${this.outcome('signalled')}`,
      '# HELP lumen_webhooks_duplicates_total Redeliveries of an event already signalled, acknowledged without a signal.',
      '# TYPE lumen_webhooks_duplicates_total counter',
      `lumen_webhooks_duplicates_total ${this.outcome('duplicate')}`,
      '# HELP lumen_webhooks_no_workflow_total Events for a provisioning that is finished or unknown, acknowledged.',
      '# TYPE lumen_webhooks_no_workflow_total counter',
      `lumen_webhooks_no_workflow_total ${this.outcome('no_workflow')}`,
      '# HELP lumen_webhooks_temporal_unavailable_total Events answered 503 because Temporal did not accept the signal.',
      '# TYPE lumen_webhooks_temporal_unavailable_total counter',
      `lumen_webhooks_temporal_unavailable_total ${this.outcome('temporal_unavailable')}`,
      '# HELP lumen_webhooks_busy_total Events answered 503 because no turn to signal came before their deadline.',
      '# TYPE lumen_webhooks_busy_total counter',
      `lumen_webhooks_busy_total ${this.outcome('busy')}`,
      '# HELP lumen_webhooks_rejected_total Requests refused with a 4xx, by reason.',
      '# TYPE lumen_webhooks_rejected_total counter',
      ...[...this.rejections].map(([reason, count]) => `lumen_webhooks_rejected_total{reason="${reason}"} ${count}`),
    ];
    return `${lines.join('\n')}\n`;
  }
}
