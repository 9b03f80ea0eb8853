// The image's HEALTHCHECK: HEALTHCHECK_URL is what the process in this container serves. http(s)://… must
// answer 2xx (the receiver's /healthz, the worker's /metrics); tcp://host:port must accept a connection
// (the sandbox, the codec server). Exit 0 healthy, 1 not.
const net = require('node:net');

const target = new URL(process.env.HEALTHCHECK_URL || 'http://127.0.0.1:8088/healthz');
const fail = (why) => {
  process.stderr.write(`unhealthy: ${target.href}: ${why}\n`);
  process.exit(1);
};
setTimeout(() => fail('no answer within 3 s'), 3_000).unref();

if (target.protocol === 'tcp:') {
  net
    .connect(Number(target.port), target.hostname)
    .on('connect', () => process.exit(0))
    .on('error', (error) => fail(error.message));
} else {
  fetch(target).then(
    (response) => (response.ok ? process.exit(0) : fail(`HTTP ${response.status}`)),
    (error) => fail(error.message),
  );
}
