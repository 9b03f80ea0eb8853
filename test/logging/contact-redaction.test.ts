// Log lines never carry an order contact: a contact object is dropped wherever it sits, and emails and
// US phone numbers quoted in free text (a message, an error) are masked. Identifiers stay readable.
import { captureLogs } from '../webhooks/captured-logs';

const contact = { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+16157690042', organization: 'AE' };

test('a contact object is dropped at any depth, with the fields around it kept', () => {
  const logs = captureLogs('redaction');
  logs.logger.info({ contact, requestId: 'R1' }, 'request received');
  logs.logger.info({ order: { contact, externalId: 'R1' } }, 'order built');
  logs.logger.info({ body: { order: { relatedContactInformation: [contact] } } }, 'sent');
  const text = logs.text();
  for (const value of [contact.name, contact.email, contact.phone, '6157690042']) expect(text).not.toContain(value);
  const [first, second] = logs.lines();
  expect(first).toMatchObject({ contact: '[redacted]', requestId: 'R1' });
  expect(second).toMatchObject({ order: { contact: '[redacted]', externalId: 'R1' } });
});

test('emails and phone numbers in messages, fields and errors are masked; ids and prices are not', () => {
  const logs = captureLogs('redaction');
  logs.logger.warn({ status: 400 }, 'Lumen: contact ada@example.com, +1 615-769-0042 or (615) 769-0042 refused');
  logs.logger.error({ err: new Error('rejected 615.769.0042 for ada@example.com') }, 'activity failed');
  logs.logger.info({ serviceId: '84665938324', orderId: '583fd9b7-75b3-43d9-b078-b6b58810b741' }, 'price $331.20');
  const [message, error, ids] = logs.lines();
  expect(message.msg).toBe('Lumen: contact [email], [phone] or [phone] refused');
  expect(error.err).toMatchObject({ type: 'Error', message: 'rejected [phone] for [email]' });
  expect(JSON.stringify(error)).not.toContain('ada@example.com');
  expect(ids).toMatchObject({
    serviceId: '84665938324',
    orderId: '583fd9b7-75b3-43d9-b078-b6b58810b741',
    msg: 'price $331.20',
  });
});
