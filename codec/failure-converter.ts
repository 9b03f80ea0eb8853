// Loaded by path into the worker, the client and the workflow sandbox: failure messages and stack
// traces go into an encoded payload (which the codec encrypts) instead of the failure's plain fields.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
