// Activity logs are not what these tests look at.
import type { ActivityLogger } from '../../activities';

export const silentLogger: ActivityLogger = { info: () => undefined, warn: () => undefined };
