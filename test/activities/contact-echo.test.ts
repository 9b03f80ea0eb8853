// Lumen may quote the contact back in an error: the activities take it out of the failure they raise,
// so neither the failure message nor the status query's history names the contact.
import { ApplicationFailure } from '@temporalio/common';
import { failureWithoutContact, withoutContact } from '../../activities/contact-echo';

const contact = {
  name: 'Ada Lovelace',
  email: 'Ada@Example.com',
  phone: '+16157690042',
  organization: 'Analytical Engines',
  role: 'Order Contact',
};

test('name, email and the phone in its usual spellings are taken out of a text, case aside', () => {
  expect(
    withoutContact(
      'ada lovelace <ada@example.com> at +16157690042, 615-769-0042, (615) 769-0042 and 6157690042 for order 1234567890',
      contact,
    ),
  ).toBe('[contact] <[contact]> at [contact], [contact], [contact] and [contact] for order 1234567890');
  expect(withoutContact('nothing personal', undefined)).toBe('nothing personal');
});

test('a failure keeps its type, retry decision and delay, with the contact out of message and details', () => {
  const original = ApplicationFailure.create({
    type: 'OrderRejected',
    message: 'Lumen rejected Ada Lovelace',
    nonRetryable: true,
    details: [{ fieldErrors: [{ field: 'email', message: 'ada@example.com is barred' }] }],
  });
  const hidden = failureWithoutContact(original, contact) as ApplicationFailure;
  expect(hidden).toBeInstanceOf(ApplicationFailure);
  expect(hidden).toMatchObject({ type: 'OrderRejected', nonRetryable: true, message: 'Lumen rejected [contact]' });
  expect(hidden.details).toEqual([{ fieldErrors: [{ field: 'email', message: '[contact] is barred' }] }]);

  const retry = ApplicationFailure.create({ type: 'LumenUnavailable', message: 'busy', nextRetryDelay: '5 seconds' });
  expect(failureWithoutContact(retry, contact)).toMatchObject({ nonRetryable: false, nextRetryDelay: '5 seconds' });
  const other = new Error('not a failure');
  expect(failureWithoutContact(other, contact)).toBe(other);
});
