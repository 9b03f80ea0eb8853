// The shared names and shapes backends build on: the package's `lumen-iod-temporal/domain` entry point.
// Whole modules are re-exported, so what they add is public without a second list to keep in step.
export * from './names';
export * from './notification';
export * from './request';
export * from './status';
export * from './service';
export * from './quote';
