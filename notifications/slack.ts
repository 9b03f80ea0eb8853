// NOTIFY_FORMAT=slack: the `{ text }` a Slack or Teams incoming webhook takes, a person's reading of the event.
import type { Notification } from './events';

const FACTS = ['requestId', 'serviceId', 'customerNumber'] as const;

export function slackText(notification: Notification): string {
  const facts = FACTS.filter((key) => notification[key] !== undefined).map((key) => `${key}: ${notification[key]}`);
  const details = Object.entries(notification.details)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [
    `*${notification.type}* ${notification.summary}`,
    ...[...facts, ...details].map((line) => `• ${line}`),
    `id ${notification.id} at ${notification.at}`,
  ].join('\n');
}

/** The body sent for a notification in the configured format. */
export function notificationBody(notification: Notification, format: 'json' | 'slack'): string {
  return JSON.stringify(format === 'slack' ? { text: slackText(notification) } : notification);
}
