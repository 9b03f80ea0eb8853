// The assumed rules the workflow leans on: status vocabulary and the 409 / expired-quote readings.
import {
  existingOrderIdFrom,
  isActiveStatus,
  isDisconnectedStatus,
  isFailedActivationStatus,
  isFailedDisconnectionStatus,
  isPendingStatus,
  isTerminalStatus,
  isUnusableQuoteMessage,
  SERVICE_STATUS,
} from '../../lumen/assumptions';

it('reads statuses case- and spacing-insensitively, in Lumen words', () => {
  expect(isActiveStatus('Active')).toBe(true);
  expect(isActiveStatus(' ACTIVE ')).toBe(true);
  expect(isActiveStatus('Inactive')).toBe(false);
  expect(isActiveStatus(undefined)).toBe(false);
  expect(isFailedActivationStatus('connection  unsuccessful')).toBe(true);
  expect(isDisconnectedStatus('Inactive')).toBe(true);
  expect(isFailedDisconnectionStatus('Disconnection Unsuccessful')).toBe(true);
});

it('sorts every known status into pending or terminal', () => {
  for (const status of Object.values(SERVICE_STATUS)) {
    expect(isPendingStatus(status) !== isTerminalStatus(status)).toBe(true);
  }
  expect(isPendingStatus('Pending Activate')).toBe(true);
  expect(isPendingStatus('Change Pending')).toBe(true);
  expect(isPendingStatus('Disconnect Pending')).toBe(true);
  expect(isTerminalStatus('Something New')).toBe(false);
  expect(isPendingStatus('Something New')).toBe(false);
});

it('finds the existing order of a 409 in the field or the message', () => {
  expect(existingOrderIdFrom('ord-1', 'whatever')).toBe('ord-1');
  expect(existingOrderIdFrom(undefined, 'Quote NaaS-1 already ordered: 1ec0b2a0-41e7-11ee-86e8-0b78fbf26f76')).toBe(
    '1ec0b2a0-41e7-11ee-86e8-0b78fbf26f76',
  );
  expect(existingOrderIdFrom(undefined, 'Quote NaaS-1 is held by order ORD-20261126')).toBe('ORD-20261126');
  expect(existingOrderIdFrom(undefined, 'orderRequest conflicts with an order already in flight')).toBeUndefined();
  expect(existingOrderIdFrom(undefined, 'service 77133831778 already has order ORD-1234 in flight')).toBeUndefined();
});

it('recognises an expired or unknown quote', () => {
  expect(isUnusableQuoteMessage('Quote NaaS-1466 has expired')).toBe(true);
  expect(isUnusableQuoteMessage('quote not found')).toBe(true);
  expect(isUnusableQuoteMessage('externalId must be at most 20 characters')).toBe(false);
});
