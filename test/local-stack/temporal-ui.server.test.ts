// The operator's view: the Temporal Web UI, in a real headless Chromium, finds a provisioning by its
// search attributes, shows where it stands, and shows its encrypted input decoded by npm start's codec
// server (and only encrypted bytes when the codec server cannot be reached).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { resolveTemporalCli } from '../../temporal-servers/cli-binary';
import { runCli, type CliProcess } from '../cli/run-cli';
import { STACK_START_TIMEOUT_MS, stackEnv, startStack, stopStack } from './stack-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** How the UI prints an encrypted payload's encoding when nothing decodes it: base64 of binary/encrypted. */
const ENCRYPTED = Buffer.from('binary/encrypted').toString('base64');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`No Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH): the UI check is skipped.`);
}

/** Waits until the workflow has closed, asked of the server with the Temporal CLI. */
async function completed(workflowId: string, temporal: NodeJS.ProcessEnv): Promise<void> {
  const { executable } = await resolveTemporalCli();
  if (executable.type !== 'existing-path') throw new Error('no Temporal CLI binary to ask the server with');
  const cli = executable.path;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { stdout } = await promisify(execFile)(
      cli,
      ['workflow', 'describe', '--workflow-id', workflowId, '--address', temporal.TEMPORAL_ADDRESS!, '-o', 'json'],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir() } },
    );
    const status = (JSON.parse(stdout) as { workflowExecutionInfo?: { status?: string } }).workflowExecutionInfo
      ?.status;
    if (status && status !== 'WORKFLOW_EXECUTION_STATUS_RUNNING') return;
    if (Date.now() > deadline) throw new Error(`${workflowId} still ${status ?? 'unknown'} after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let dir: string;
let env: NodeJS.ProcessEnv;
let stack: CliProcess | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!hasChromium) return;
  dir = await mkdtemp(path.join(os.tmpdir(), 'ui-'));
  env = await stackEnv(dir);
  stack = await startStack(env);
  // Background networking flags: this machine has no internet and Chromium would keep trying.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, STACK_START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await browser?.close();
  if (stack) await stopStack(stack);
  if (dir) await rm(dir, { recursive: true, force: true });
});

(hasChromium ? test : test.skip)(
  'the Temporal UI finds a provisioning by its search attributes and shows its current details',
  async () => {
    const temporal = { ...env, TEMPORAL_ADDRESS: `127.0.0.1:${env.TEMPORAL_PORT}` };
    const placed = await runCli(
      ['order', '--file', 'examples/request.json', '--request-id', 'UI-1', '--watch'],
      temporal,
    );
    expect(placed.code).toBe(0);

    const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    const ui = `http://localhost:${env.TEMPORAL_UI_PORT}/namespaces/default/workflows`;
    const query = encodeURIComponent('LumenCustomerNumber="1-SANDBOX" AND LumenStep="ACTIVE"');
    await page.goto(`${ui}?query=${query}`);
    const link = page.getByRole('link', { name: 'iod-UI-1', exact: true });
    await link.waitFor({ timeout: 30_000 });

    await link.click();
    await page.getByText('User Metadata').first().click();
    // The UI renders the workflow's current details (markdown) inside a sandboxed frame.
    expect(await textOfAllFrames(page, /step\s+ACTIVE/)).toMatch(/Service: \d{11}/);
    await page.getByText('Search Attributes', { exact: true }).first().click();
    await page.getByText('LumenOrderId').first().waitFor({ timeout: 30_000 });
    const attributes = await page.locator('body').innerText();
    for (const name of ['LumenCustomerNumber', 'LumenStep', 'LumenOrderId', 'LumenServiceId', 'LumenMasterSiteId']) {
      expect(attributes).toContain(name);
    }
  },
);

/** Waits until the page's text matches `pattern`, and returns it. */
async function textWhen(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await page.locator('body').innerText();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the page did not show ${pattern} within ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

/** Waits until some frame of the page shows text matching `pattern`, and returns all of that frame's text. */
async function textOfAllFrames(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const text = await frame
        .locator('body')
        .innerText({ timeout: 1_000 })
        .catch(() => '');
      if (pattern.test(text)) return text;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no frame showed ${pattern} within ${timeoutMs} ms`);
}

(hasChromium ? test : test.skip)(
  'the UI shows the encrypted input decoded through the codec server, and only ciphertext without it',
  async () => {
    const temporal = { ...env, TEMPORAL_ADDRESS: `127.0.0.1:${env.TEMPORAL_PORT}` };
    const placed = await runCli(['order', '--file', 'examples/request.json', '--request-id', 'UI-2'], temporal);
    expect(placed.code).toBe(0);
    // The order command returns at ACTIVE, a moment before the workflow completes; a page loaded in
    // between shows the result that arrives later undecoded (the UI decodes what it loads with the page).
    await completed('iod-UI-2', temporal);
    const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    const decodes: string[] = [];
    // The UI asks POST <endpoint>/decode, with query parameters of its own (?preserveStorageRefs=true).
    const isDecode = (url: URL) => url.pathname === '/decode';
    page.on('request', (request) => {
      if (isDecode(new URL(request.url()))) decodes.push(new URL(request.url()).origin);
    });
    const workflowPage = `http://localhost:${env.TEMPORAL_UI_PORT}/namespaces/default/workflows/iod-UI-2`;
    await page.goto(workflowPage);
    // Pretty-printed or compact, as the UI version shows JSON.
    await page
      .getByText(/"customerServiceName": ?"My First NaaS"/)
      .first()
      .waitFor({ timeout: 30_000 });
    const decoded = await page.locator('body').innerText();
    expect(decoded).toMatch(/"email": ?"first\.last@example\.com"/);
    expect(decoded).not.toContain(ENCRYPTED);
    expect(decodes).toContain(`http://127.0.0.1:${env.CODEC_SERVER_PORT}`);

    // The same page when the browser cannot reach the codec server: a warning, and the stored ciphertext.
    await page.route(isDecode, (route) => route.abort());
    await page.reload();
    // The warning is the codec indicator's label, present in the page though not displayed as text.
    await page.getByText('Codec Server could not connect').first().waitFor({ state: 'attached', timeout: 30_000 });
    // Undecoded, the UI shows the stored payload: its encoding (older UIs) or its encrypted data in base64.
    const ciphertext = new RegExp(`${ENCRYPTED}|Input\\s+"[A-Za-z0-9+/=]{200,}"`);
    const shown = await textWhen(page, ciphertext);
    expect(shown).not.toContain('first.last@example.com');
    expect(shown).not.toContain('My First NaaS');
  },
);
