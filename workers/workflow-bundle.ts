// The workflow code the worker runs: bundled by webpack from workflows/, either ahead of time by
// `npm run build` (dist/workflow-bundle/, one bundle per variant below) or at start when no prebuilt
// bundle is current. A prebuilt bundle is current when every file webpack read for it (workflows/,
// domain/, the codec's failure converter, the SDK's workflow library…) still has the digest it had.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger as SdkLogger } from '@temporalio/common';
import workerPackage from '@temporalio/worker/package.json';
import {
  bundleWorkflowCode,
  type BundleOptions,
  type WorkflowBundle,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import { ENCODED_FAILURES_PATH } from '../codec/data-converter';
import type { PayloadCodecSettings } from '../codec/settings';
import { createLogger, type Logger } from '../logging/logger';
import { projectRoot } from './project';
import { WORKFLOW_TRACING_MODULE } from './tracing-settings';

const ROOT = projectRoot();
/** Present in a checkout, absent in the production image, which carries only the prebuilt bundles. */
const WORKFLOW_SOURCES = path.join(ROOT, 'workflows', 'index.ts');
export const DEFAULT_BUNDLE_DIR = path.join(ROOT, 'dist', 'workflow-bundle');
const MANIFEST = 'manifest.json';

/** What changes the bundle's code: failure messages encoded (encryption on), workflow tracing interceptors. */
export interface BundleVariant {
  encodedFailures: boolean;
  tracing: boolean;
}

export const ALL_VARIANTS: BundleVariant[] = [false, true].flatMap((encodedFailures) =>
  [false, true].map((tracing) => ({ encodedFailures, tracing })),
);

export function variantFor(payloadCodec: PayloadCodecSettings, tracing = false): BundleVariant {
  return { encodedFailures: payloadCodec.encryption !== 'off', tracing };
}

function fileNameOf(variant: BundleVariant): string {
  return `provisioning${variant.encodedFailures ? '-encoded-failures' : ''}${variant.tracing ? '-tracing' : ''}.js`;
}

/** What bundling takes: workflows/, with encryption on the failure converter that encodes messages. */
export function provisioningBundleOptions(payloadCodec: PayloadCodecSettings, tracing = false) {
  return bundleOptionsFor(variantFor(payloadCodec, tracing));
}

/**
 * Modules evaluated once per worker thread and shared by every workflow in it, instead of once per
 * workflow: the SDK keeps a module cache per workflow, and zod's own module graph is most of what a
 * workflow that validates would otherwise evaluate and hold. Shared modules are deep-frozen, so only
 * stateless libraries belong there, never a module with state of its own; the domain's schemas stay
 * per workflow (their regexes must stay writable: zod resets `lastIndex` before each test).
 */
const PRELOADED_MODULES = [require.resolve('../workflows/shared/shared-libraries')];

type WebpackConfiguration = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

/**
 * Source maps that say file and line but carry no copy of the sources: the SDK parses the bundle's map
 * in every workflow thread to put TypeScript files and lines in workflow stack traces, and the sources
 * copied into it were most of an idle worker's memory (65 MB of 231 with one workflow thread).
 */
const SOURCE_MAPS = 'inline-nosources-cheap-module-source-map';

function leanSourceMaps(config: WebpackConfiguration): WebpackConfiguration {
  return { ...config, devtool: SOURCE_MAPS };
}

export interface BundlerSettings {
  /** PRELOADED_MODULES, relative to the repository. */
  preloaded: string[];
  /** webpack's devtool: the kind of source map. */
  sourceMaps: string;
}

function bundlerSettings(): BundlerSettings {
  return { preloaded: PRELOADED_MODULES.map(relative), sourceMaps: SOURCE_MAPS };
}

function bundleOptionsFor(variant: BundleVariant) {
  return {
    workflowsPath: require.resolve('../workflows'),
    preloadModules: PRELOADED_MODULES,
    webpackConfigHook: leanSourceMaps,
    failureConverterPath: variant.encodedFailures ? ENCODED_FAILURES_PATH : undefined,
    workflowInterceptorModules: variant.tracing ? [WORKFLOW_TRACING_MODULE] : undefined,
  };
}

/** webpack's chatter goes to debug, problems stay visible. */
function bundlerLogger(logger: Logger): SdkLogger {
  return {
    log: (_level, message, meta) => logger.debug({ ...meta }, message),
    trace: (message, meta) => logger.trace({ ...meta }, message),
    debug: (message, meta) => logger.debug({ ...meta }, message),
    info: (message, meta) => logger.debug({ ...meta }, message),
    warn: (message, meta) => logger.warn({ ...meta }, message),
    error: (message, meta) => logger.error({ ...meta }, message),
  };
}

interface Bundled {
  code: string;
  /** Every file on disk webpack read, relative to the repository, with its SHA-256. */
  inputs: Record<string, string>;
}

async function bundleVariant(variant: BundleVariant, logger: Logger): Promise<Bundled> {
  let read: string[] = [];
  const options = bundleOptionsFor(variant);
  const { code } = await bundleWorkflowCode({
    ...options,
    logger: bundlerLogger(logger),
    // The same configuration as any bundle of this variant, plus a plugin that records what webpack read.
    webpackConfigHook: (base) => {
      const config = options.webpackConfigHook(base);
      return {
        ...config,
        plugins: [
          ...(config.plugins ?? []),
          {
            apply: (compiler) =>
              compiler.hooks.done.tap('record-inputs', (stats) => {
                read = [...stats.compilation.fileDependencies];
              }),
          },
        ],
      };
    },
  });
  // The generated entry point lives in webpack's memory only; its content follows from the options.
  const onDisk = read.filter((file) => statSync(file, { throwIfNoEntry: false })?.isFile()).sort();
  return {
    code,
    inputs: Object.fromEntries(await Promise.all(onDisk.map(async (f) => [relative(f), await digestOf(f)]))),
  };
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

async function digestOf(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** Bundles workflows/ now, as the worker does at start without a current prebuilt bundle. */
export async function bundleProvisioningWorkflows(
  payloadCodec: PayloadCodecSettings,
  logger: Logger = createLogger('worker'),
  tracing = false,
): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ ...provisioningBundleOptions(payloadCodec, tracing), logger: bundlerLogger(logger) });
}

export interface Manifest {
  builtAt: string;
  /** The SDK that bundled: another version may bundle differently. */
  sdkVersion: string;
  /** How it was bundled: settings in no file webpack reads, so the digests of its inputs do not cover them. */
  settings?: BundlerSettings;
  bundles: (BundleVariant & { file: string; inputs: Record<string, string> })[];
}

function sdkVersion(): string {
  return workerPackage.version;
}

/** `npm run build`: every variant into `dir`, and the manifest that says what each was built from. */
export async function writePrebuiltBundles(
  dir: string,
  logger: Logger,
  variants: BundleVariant[] = ALL_VARIANTS,
): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  const manifest: Manifest = {
    builtAt: new Date().toISOString(),
    sdkVersion: sdkVersion(),
    settings: bundlerSettings(),
    bundles: [],
  };
  for (const variant of variants) {
    const { code, inputs } = await bundleVariant(variant, logger);
    const file = fileNameOf(variant);
    await writeAtomically(path.join(dir, file), code);
    manifest.bundles.push({ ...variant, file, inputs });
  }
  await writeAtomically(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, text);
  await rename(partial, file);
}

export type BundleChoice =
  | { source: 'prebuilt'; bundle: WorkflowBundleOption; file: string; builtAt: string }
  | { source: 'bundled'; bundle: WorkflowBundleOption; reason: string; ms: number };

/** The prebuilt bundle for `variant` if it is current, else a fresh one; says which, and why. */
export async function chooseWorkflowBundle(variant: BundleVariant, dir: string, logger: Logger): Promise<BundleChoice> {
  const prebuilt = await currentPrebuilt(variant, dir);
  if ('file' in prebuilt) return { source: 'prebuilt', bundle: { codePath: prebuilt.file }, ...prebuilt };
  const started = performance.now();
  const { code } = await bundleWorkflowCode({ ...bundleOptionsFor(variant), logger: bundlerLogger(logger) });
  return { source: 'bundled', bundle: { code }, reason: prebuilt.stale, ms: Math.round(performance.now() - started) };
}

async function currentPrebuilt(
  variant: BundleVariant,
  dir: string,
): Promise<{ file: string; builtAt: string } | { stale: string }> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return { stale: `no prebuilt bundle in ${relative(dir)} (npm run build writes it)` };
  }
  if (manifest.sdkVersion !== sdkVersion()) {
    return { stale: `the prebuilt bundle was made by SDK ${manifest.sdkVersion}, this is ${sdkVersion()}` };
  }
  const sourcesHere = existsSync(WORKFLOW_SOURCES);
  if (sourcesHere && JSON.stringify(manifest.settings ?? {}) !== JSON.stringify(bundlerSettings())) {
    return { stale: 'the prebuilt bundle was made with other bundler settings than this worker uses' };
  }
  const entry = manifest.bundles?.find(
    (b) => b.encodedFailures === variant.encodedFailures && b.tracing === variant.tracing,
  );
  const file = entry && path.join(dir, entry.file);
  if (!entry || !file || !existsSync(file)) return { stale: `no prebuilt bundle for ${describeVariant(variant)}` };
  // Without the sources (the image) there is nothing to compare: the prebuilt bundle is the code.
  if (!sourcesHere) return { file, builtAt: manifest.builtAt };
  for (const [input, digest] of Object.entries(entry.inputs)) {
    const changed = await digestOf(path.join(ROOT, input)).then(
      (now) => now !== digest,
      () => true,
    );
    if (changed) return { stale: `${input} changed since the bundle was built` };
  }
  return { file, builtAt: manifest.builtAt };
}

function describeVariant(variant: BundleVariant): string {
  const failures = variant.encodedFailures ? 'encrypted failures' : 'plain failures';
  return `${failures}, tracing ${variant.tracing ? 'on' : 'off'}`;
}
