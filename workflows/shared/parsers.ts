// The domain's zod schemas, loaded the first time a workflow validates something rather than when it
// starts. The worker runs every workflow in one reused V8 context but keeps a module cache per workflow,
// so each cached workflow evaluates what it imports for itself. zod itself is evaluated once per worker
// thread and shared (./shared-libraries.ts); these schemas are still built per workflow, and a
// provisioning waiting for activation, the most numerous kind, validates nothing until its event arrives.
// Same functions, same answers, evaluated later: histories replay as before.
/* eslint-disable @typescript-eslint/no-require-imports -- a require() inside a function is what defers the module */
import type * as NotificationModule from '../../domain/notification';
import type * as RequestModule from '../../domain/request';
import type * as ServiceModule from '../../domain/service';
import type * as ServiceSchemasModule from '../../domain/service-schemas';

const notification = () => require('../../domain/notification') as typeof NotificationModule;
const request = () => require('../../domain/request') as typeof RequestModule;
const service = () => require('../../domain/service') as typeof ServiceModule;
const serviceSchemas = () => require('../../domain/service-schemas') as typeof ServiceSchemasModule;

/** A lumenNotification signal's payload, checked. */
export function parseNotification(payload: unknown) {
  return notification().lumenNotificationSchema.safeParse(payload);
}

/** The service workflow's argument, checked. */
export function parseServiceInput(input: unknown) {
  return serviceSchemas().serviceInputSchema.safeParse(input);
}

export function parseChangeBandwidth(input: unknown): ServiceModule.ChangeParseResult {
  return service().parseChangeBandwidth(input);
}

export function parseSetBudget(input: unknown): ReturnType<typeof ServiceModule.parseSetBudget> {
  return service().parseSetBudget(input);
}

export function parseProvisioningRequest(input: unknown): RequestModule.RequestParseResult {
  return request().parseProvisioningRequest(input);
}
