// @ts-check
// One-shot for docker-compose.yml: tells the Lumen sandbox where to POST its signed order events.
// Real Lumen is told in its portal; the sandbox is told through its /_sandbox control surface.
// Usage: LUMEN_BASE_URL=http://sandbox:8089 WEBHOOK_SECRET=... node register-webhook.mjs <receiver url>

const baseUrl = process.env.LUMEN_BASE_URL;
const secret = process.env.WEBHOOK_SECRET;
const receiverUrl = process.argv[2];

if (!baseUrl || !secret || !receiverUrl) {
  console.error('usage: LUMEN_BASE_URL=<sandbox url> WEBHOOK_SECRET=<secret> node register-webhook.mjs <receiver url>');
  process.exit(2);
}

const endpoint = `${baseUrl.replace(/\/+$/, '')}/_sandbox/webhook`;
const response = await fetch(endpoint, {
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ url: receiverUrl, secret }),
});
if (!response.ok) {
  console.error(`PUT ${endpoint} failed: HTTP ${response.status} ${await response.text()}`);
  process.exit(1);
}
console.log(`the sandbox at ${baseUrl} now sends its order events to ${receiverUrl}`);
