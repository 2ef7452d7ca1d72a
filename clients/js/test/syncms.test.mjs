// Unit tests of syncms.js with Node's test runner, against a scripted WebSocket (no server): what the
// client offers and sends, how it answers pings, rejects failures, and when it delivers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSyncMs, SyncMsError } from '../syncms.js';

const now = () => performance.timeOrigin + performance.now();

// A WebSocket whose server is `script(frame, socket)`: it sees every frame the client sends.
function scripted(script) {
  const sockets = [];
  class FakeSocket {
    constructor(url, protocols) {
      this.url = url;
      this.protocols = protocols;
      this.sent = [];
      sockets.push(this);
      setTimeout(() => this.onopen?.(), 0);
    }
    send(text) {
      const frame = JSON.parse(text);
      this.sent.push(frame);
      script(frame, this);
    }
    reply(frame) {
      setTimeout(() => this.onmessage?.({ data: JSON.stringify(frame) }), 0);
    }
    close(code = 1000, reason = '') {
      setTimeout(() => this.onclose?.({ code, reason }), 0);
    }
  }
  return { FakeSocket, sockets };
}

function options(FakeSocket, extra = {}) {
  return { url: 'http://127.0.0.1:8080', group: 'race', role: 'slave', id: 'p1', token: 'secret+/token=', WebSocket: FakeSocket, ...extra };
}

// answers every op with `results[op]` (a value, or a function of the frame)
function server(results) {
  return (frame, socket) => {
    if (frame.op) {
      const result = typeof results[frame.op] === 'function' ? results[frame.op](frame, socket) : results[frame.op];
      if (result instanceof Error) socket.reply({ re: frame.req, error: result.problem });
      else if (result !== undefined) socket.reply({ re: frame.req, result });
    }
  };
}

test('connects to /players/<group> offering syncms.v1 and the token as a base64url subprotocol', async () => {
  const { FakeSocket, sockets } = scripted(server({ initialize: { group: 'race', role: 'slave', id: 'p1', slaves: ['p1'] } }));
  const client = createSyncMs(options(FakeSocket, { url: 'https://game.example/base/' }));
  const joined = await client.initialize();
  assert.equal(sockets[0].url, 'wss://game.example/base/players/race');
  assert.equal(sockets[0].protocols[0], 'syncms.v1');
  assert.equal(sockets[0].protocols[1], `syncms.bearer.${Buffer.from('secret+/token=').toString('base64url')}`);
  assert.deepEqual(sockets[0].sent[0], { role: 'slave', id: 'p1', slaves: [], settings: {}, op: 'initialize', req: 1 });
  assert.deepEqual(joined.slaves, ['p1']);
});

test('refuses options it cannot use before connecting', () => {
  const { FakeSocket } = scripted(() => {});
  for (const [extra, reason] of [[{ group: 'no spaces' }, /group/], [{ role: 'boss' }, /role/], [{ id: '' }, /id/],
    [{ token: '' }, /token/], [{ url: 'ftp://x' }, /url/], [{ slaves: ['ok', 'not ok'] }, /slave id/], [{ delivery: 'soon' }, /delivery/]]) {
    assert.throws(() => createSyncMs(options(FakeSocket, extra)), (error) => error instanceof SyncMsError
      && error.reason === 'invalid' && reason.test(error.message));
  }
  assert.throws(() => createSyncMs(options(undefined, { WebSocket: null })), /no WebSocket/);
});

test('answers the instance\'s pings at once with its own clock', async () => {
  let pong;
  const { FakeSocket } = scripted((frame, socket) => {
    if (frame.op === 'initialize') socket.reply({ ping: 7 });
    if (frame.pong) {
      pong = frame;
      socket.reply({ re: 1, result: {} });
    }
  });
  const before = now();
  await createSyncMs(options(FakeSocket)).initialize();
  assert.equal(pong.pong, 7);
  assert.ok(pong.t >= before && pong.t <= now(), `t ${pong.t} is this page's clock`);
});

test('a refused step rejects with the problem\'s reason, code and status', async () => {
  const refused = new Error();
  refused.problem = { type: '/problems/syncms/wrong-state', title: 'SyncMS step not possible', status: 409,
    detail: 'clockSync before initialize', code: 'SYNCMS-WRONG-STATE1', reason: 'wrong-state' };
  const { FakeSocket } = scripted(server({ initialize: {}, clock_sync: refused }));
  const client = createSyncMs(options(FakeSocket));
  await client.initialize();
  await assert.rejects(client.clock_sync(), (error) => error instanceof SyncMsError && error.reason === 'wrong-state'
    && error.code === 'SYNCMS-WRONG-STATE1' && error.status === 409 && /clockSync before initialize/.test(error.message));
});

test('a socket that closes rejects what is pending with reason closed, and every later step', async () => {
  const { FakeSocket } = scripted((frame, socket) => {
    if (frame.op === 'initialize') socket.close(1008, 'too many invalid frames');
  });
  const client = createSyncMs(options(FakeSocket));
  await assert.rejects(client.initialize(), (error) => error.reason === 'closed' && /1008: too many invalid frames/.test(error.message));
  await assert.rejects(client.clock_sync(), (error) => error.reason === 'closed');
});

test('a socket that cannot open rejects with reason connection', async () => {
  class Refused {
    constructor() {
      setTimeout(() => {
        this.onerror?.({});
        this.onclose?.({ code: 1006, reason: '' });
      }, 0);
    }
  }
  await assert.rejects(createSyncMs(options(Refused)).initialize(), (error) => error.reason === 'connection');
});

test('sync_in stamps the page\'s synchronized send time', async () => {
  let stamped;
  const { FakeSocket } = scripted(server({
    initialize: {},
    clock_sync: { offset: 250.5, errorBound: 0.2, oneWayDelay: 0.1, samples: 5 },
    sync_in: (frame) => {
      stamped = frame;
      return { messageId: 'm1', sentAt: frame.sentAt, seq: 1 };
    },
  }));
  const client = createSyncMs(options(FakeSocket));
  await client.initialize();
  assert.equal((await client.clock_sync()).offset, 250.5);
  const before = now() + 250.5;
  const receipt = await client.sync_in({ key: 'space' });
  assert.deepEqual(stamped.message, { key: 'space' });
  assert.ok(stamped.sentAt >= before && stamped.sentAt <= now() + 250.5, 'sentAt is local now plus the offset');
  assert.equal(receipt.seq, 1);
  await assert.rejects(client.sync_in(undefined), (error) => error.reason === 'invalid');
});

// The precision itself is the benchmark's (bench/players): a unit test on a shared machine only holds the
// client to never delivering early, to the spin being kept (the median) and to the timer being used at all.
test('a sync-out message is delivered at deliverAt on the page\'s clock, never early', async () => {
  const offset = -1234.25;
  const { FakeSocket, sockets } = scripted(server({ initialize: {}, clock_sync: { offset, errorBound: 0.1, oneWayDelay: 0.05, samples: 3 }, listen: true }));
  const client = createSyncMs(options(FakeSocket));
  await client.initialize();
  await client.clock_sync();
  const deliveries = [];
  await client.listener((delivery) => deliveries.push({ ...delivery, localAt: now() }));
  const errors = [];
  for (let round = 0; round < 10; round++) {
    const deliverAt = now() + offset + 30;
    sockets[0].reply({ delivery: { kind: 'SYNC_OUT', from: 'm', messageId: `r${round}`, message: { round }, deliverAt, late: false } });
    await new Promise((resolve) => setTimeout(resolve, 45));
    const delivered = deliveries.at(-1);
    assert.equal(delivered.messageId, `r${round}`);
    assert.equal(delivered.late, false);
    errors.push(delivered.localAt - (deliverAt - offset));
  }
  assert.ok(errors.every((error) => error >= 0), `never early: ${errors}`);
  const sorted = [...errors].sort((a, b) => a - b);
  assert.ok(sorted[5] < 1, `median within 1 ms of the instant: ${errors.map((e) => e.toFixed(3))}`);
  assert.ok(sorted[9] < 15, `each long before the next round: ${errors.map((e) => e.toFixed(3))}`);
});

test('a sync-out message that arrives after its instant is delivered at once and marked late', async () => {
  const { FakeSocket, sockets } = scripted(server({ initialize: {}, clock_sync: { offset: 0, errorBound: 0, oneWayDelay: 0, samples: 1 }, listen: true }));
  const client = createSyncMs(options(FakeSocket));
  await client.initialize();
  await client.clock_sync();
  const delivered = new Promise((resolve) => client.listener(resolve));
  sockets[0].reply({ delivery: { kind: 'SYNC_OUT', from: 'm', messageId: 'old', message: 1, deliverAt: now() - 50, late: false } });
  const delivery = await delivered;
  assert.equal(delivery.late, true);
  assert.ok(delivery.deliveredAt - delivery.deliverAt >= 50);
});

test('sync-in and client messages are handed over as they arrive, kinds kept', async () => {
  const { FakeSocket, sockets } = scripted(server({ initialize: {}, listen: true }));
  const client = createSyncMs(options(FakeSocket, { role: 'master', id: 'm', slaves: ['p1'] }));
  await client.initialize();
  const kinds = [];
  await client.listener((delivery) => kinds.push(delivery.kind));
  for (const kind of ['SYNC_IN', 'CLIENT', 'SOMETHING']) {
    sockets[0].reply({ delivery: { kind, from: 'p1', messageId: kind, message: null, sentAt: now() } });
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(kinds, ['SYNC_IN', 'CLIENT', 'UNKNOWN']);
});

test('sync_out resolves at deliverAt, or at once when asked to', async () => {
  const { FakeSocket } = scripted(server({
    initialize: {},
    clock_sync: { offset: 0, errorBound: 0, oneWayDelay: 0, samples: 1 },
    sync_out: () => ({ messageId: 'x', deliverAt: now() + 40 }),
  }));
  const client = createSyncMs(options(FakeSocket, { role: 'master', id: 'm', slaves: ['p1'] }));
  await client.initialize();
  await client.clock_sync();
  const immediate = await client.sync_out({ go: true }, true);
  assert.ok(immediate.deliverAt - now() > 20, 'resolved before deliverAt');
  const waited = await client.sync_out({ go: true });
  const late = now() - waited.deliverAt;
  assert.ok(late >= 0 && late < 1, `resolved at deliverAt: ${late.toFixed(3)} ms after`);
});

test('members that leave are reported', async () => {
  const { FakeSocket, sockets } = scripted(server({ initialize: {} }));
  const client = createSyncMs(options(FakeSocket));
  const left = new Promise((resolve) => client.onMemberLeft(resolve));
  await client.initialize();
  sockets[0].reply({ event: 'left', role: 'slave', id: 'p2' });
  assert.deepEqual(await left, { role: 'slave', id: 'p2' });
});

test('close leaves the group, closes the socket, and later steps reject', async () => {
  const { FakeSocket, sockets } = scripted(server({ initialize: {}, close: true }));
  const client = createSyncMs(options(FakeSocket));
  await client.initialize();
  await client.close();
  assert.equal(sockets[0].sent.at(-1).op, 'close');
  await assert.rejects(client.clock_sync(), (error) => error.reason === 'closed');
});
