// The baseline for scenario 1: a plain `net` server with the lab's reply and nothing else.
import net, { type AddressInfo } from 'node:net';
import { echoReplyText } from '../../main/engine/bytes-repr';
import { cpuMicros } from './cpu';
import { serveRpc } from './rpc-child';

const RECV_SIZE = 1024;

const server = net.createServer((socket) => {
  let replied = false;
  socket.on('data', (chunk: Buffer) => {
    if (replied) return;
    replied = true;
    socket.write(echoReplyText(chunk.length > RECV_SIZE ? chunk.subarray(0, RECV_SIZE) : chunk), 'latin1');
  });
  socket.on('error', () => {});
});
const listening = new Promise<number>((resolve) =>
  server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
);

export const bareServerApi = {
  ready: () => listening.then(() => true),
  port: () => listening,
  cpu: () => cpuMicros(),
};
export type BareServerApi = typeof bareServerApi;

serveRpc(bareServerApi);
