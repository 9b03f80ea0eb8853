// The domain's zod schemas, loaded the first time a workflow validates something rather than when it
// starts. The worker runs every workflow in one reused V8 context but keeps a module cache per workflow,
// so each cached workflow evaluates what it imports for itself. zod itself is evaluated once per worker
// thread and shared (./shared-libraries.ts). The two schemas every provisioning uses (Lumen's events,
// the service's argument) are built once per worker thread and reused, since building a zod schema
// costs far more than a parse; the rarer ones (a change, a budget) are built by the workflow that needs
// them. Same functions, same answers: histories replay as before.
/* eslint-disable @typescript-eslint/no-require-imports -- a require() inside a function is what defers the module */
import type * as NotificationModule from '../../domain/notification';
import type * as RequestModule from '../../domain/request';
import type * as ServiceModule from '../../domain/service';
import type * as ServiceSchemasModule from '../../domain/service-schemas';
import { builtOncePerThread } from './shared-libraries';

const notification = () => require('../../domain/notification') as typeof NotificationModule;
const request = () => require('../../domain/request') as typeof RequestModule;
const service = () => require('../../domain/service') as typeof ServiceModule;
const serviceSchemas = () => require('../../domain/service-schemas') as typeof ServiceSchemasModule;

/** A lumenNotification signal's payload, checked. */
export function parseNotification(payload: unknown) {
  return builtOncePerThread('lumenNotification', () => notification().lumenNotificationSchema).safeParse(payload);
}

/** The service workflow's argument, checked. */
export function parseServiceInput(input: unknown) {
  return builtOncePerThread('serviceInput', () => serviceSchemas().serviceInputSchema).safeParse(input);
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
