// N echo clients as worker threads of one process: thread i sends `client:thread=<i>`.
// Each worker's exit is reported on stderr as `thread <i> exited <code>`, so the engine knows the exit order.
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const MAX_THREADS = 200;

const [host = 'localhost', portText = '50008', countText = '1'] = process.argv.slice(2);
const count = Number(countText);

if (!Number.isInteger(count) || count < 1 || count > MAX_THREADS) {
  process.stderr.write(
    `thread-clients: the count must be a number from 1 to ${MAX_THREADS}, got ${JSON.stringify(countText)}\n`,
  );
  process.exitCode = 1;
} else {
  // The bundled echo-client sits next to this file and knows to send client:thread=<i> in a worker.
  const client = path.join(__dirname, 'echo-client.cjs');
  for (let thread = 1; thread <= count; thread++) {
    const worker = new Worker(client, { argv: [host, portText], workerData: { thread } });
    worker.on('error', (error) => {
      process.stderr.write(`thread ${thread}: ${error.message}\n`);
    });
    worker.on('exit', (code) => {
      process.stderr.write(`thread ${thread} exited ${code}\n`);
      if (code !== 0) process.exitCode = 1;
    });
  }
}
