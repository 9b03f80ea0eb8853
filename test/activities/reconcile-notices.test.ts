// What one customer's inventory makes the sweep signal: only services whose row differs from what their
// workflow last published, or that inventory no longer lists once it has listed them.
import { noticesFor, type ManagedService } from '../../activities/reconcile';
import type { InventoryService } from '../../lumen/api';

const READ_AT = '2026-01-01T00:00:00.000Z';
const row = (serviceId: string, status: string, bandwidthMbps?: number): InventoryService => ({
  serviceId,
  status,
  ...(bandwidthMbps === undefined ? {} : { bandwidthMbps }),
});
const managed = (serviceId: string, memo?: ManagedService['memo']): ManagedService => ({
  workflowId: `iod-service-${serviceId}`,
  serviceId,
  customerNumber: '1-ABCDE',
  ...(memo ? { memo } : {}),
});

test('a service whose row matches its memo is not signalled; status words compare as Lumen writes them', () => {
  const notices = noticesFor(
    [managed('1', { status: 'Active', mbps: 100 }), managed('2', { status: 'Change Pending', mbps: 100 })],
    [row('1', 'ACTIVE', 100), row('2', 'change  pending', 100)],
    READ_AT,
  );
  expect(notices).toEqual([]);
});

test('a different speed or status, and a row for a workflow that has published nothing yet, are signalled with the row', () => {
  const notices = noticesFor(
    [managed('1', { status: 'Active', mbps: 100 }), managed('2', { status: 'Active', mbps: 100 }), managed('3')],
    [row('1', 'Active', 500), row('2', 'Suspended', 100), row('3', 'Inactive')],
    READ_AT,
  );
  expect(notices).toEqual([
    { workflowId: 'iod-service-1', notice: { readAt: READ_AT, row: { status: 'Active', phase: 'active', mbps: 500 } } },
    {
      workflowId: 'iod-service-2',
      notice: { readAt: READ_AT, row: { status: 'Suspended', phase: 'unknown', mbps: 100 } },
    },
    {
      workflowId: 'iod-service-3',
      notice: { readAt: READ_AT, row: { status: 'Inactive', phase: 'disconnected', mbps: null } },
    },
  ]);
});

test('a service once listed and now missing is signalled as gone; one never listed is not', () => {
  const notices = noticesFor([managed('1', { status: 'Active', mbps: 100 }), managed('2')], [], READ_AT);
  expect(notices).toEqual([{ workflowId: 'iod-service-1', notice: { readAt: READ_AT, row: null } }]);
});
