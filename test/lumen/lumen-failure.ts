// The LumenApiError a call rejects with; fails the test if it resolves or rejects with anything else.
import { LumenApiError } from '../../lumen/errors';

export async function failure(promise: Promise<unknown>): Promise<LumenApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LumenApiError);
  return error as LumenApiError;
}
