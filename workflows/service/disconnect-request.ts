// The disconnect update's side of the service: asked once (a repeat waits for the same answer), answered
// when the main loop has disconnected the service, or failed, after which the service is managed on.
import { ApplicationFailure, condition } from '@temporalio/workflow';
import type { DisconnectResult, DisconnectServiceInput } from '../../domain/service';

interface Asked {
  reason?: string;
  result?: DisconnectResult;
  failure?: { type: string; message: string };
}

export class DisconnectRequest {
  private asked: Asked | null = null;

  /** The update's validator. */
  static validate(request: DisconnectServiceInput | undefined): void {
    const reason = request?.reason;
    if (reason !== undefined && (typeof reason !== 'string' || reason.length > 500)) {
      throw new Error('disconnect: reason must be text of at most 500 characters');
    }
  }

  /** Asks it; true the first time (the caller then stops what the disconnect makes moot). */
  ask(request: DisconnectServiceInput | undefined): boolean {
    if (this.asked) return false;
    this.asked = { reason: request?.reason };
    return true;
  }

  /** The answer every caller of the update gets. */
  async answer(): Promise<DisconnectResult> {
    const asked = this.asked!;
    await condition(() => asked.result !== undefined || asked.failure !== undefined);
    if (asked.result) return asked.result;
    throw ApplicationFailure.create({
      type: asked.failure?.type ?? 'DisconnectFailed',
      message: asked.failure?.message ?? 'the disconnect failed',
      nonRetryable: true,
    });
  }

  /** The disconnect asked, with its reason; null when none is. */
  get requested(): { reason?: string } | null {
    return this.asked;
  }

  /** Done (or the service ended outside meanwhile). */
  done(result: DisconnectResult): void {
    if (this.asked) this.asked.result = result;
  }

  /** Failed: its callers hear why, and a later disconnect may be asked again. */
  failed(failure: { type: string; message: string }): void {
    if (this.asked) this.asked.failure = failure;
    this.asked = null;
  }
}
