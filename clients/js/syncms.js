// syncms.js: the JavaScript client of syncms's SyncMS players (protocol syncms.v1, docs/players.md).
// An ES module without dependencies, for current browsers and Node.js >= 20 (Node 20 needs
// --experimental-websocket, or pass options.WebSocket). Every step returns a promise; a failure rejects
// with a SyncMsError whose `reason` names it.
//
// Delivery timing: a sync-out message carries deliverAt on the master's clock. The client converts it to
// its own clock with the offset clock_sync measured, sets a timer to `spinMs` before that instant (timers
// fire late by up to a few milliseconds, never early), then spins on performance.now() until the
// instant. With `delivery: 'frame'` (browsers) it hands the message over in the first animation frame
// at or after the instant instead: what a player sees changes at a frame anyway, and nothing spins.

const PROTOCOL = 'syncms.v1';
const DEFAULT_SPIN_MS = 4;
const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

/** A failed step: `reason` is the server's (e.g. 'timeout', 'wrong-state') or the client's ('connection', 'closed', 'invalid'). */
export class SyncMsError extends Error {
  constructor(reason, message, problem) {
    super(message);
    this.name = 'SyncMsError';
    this.reason = reason;
    this.problem = problem ?? null;
    this.status = problem?.status ?? null;
    this.code = problem?.code ?? null;
    this.type = problem?.type ?? null;
  }
}

function defaultNow() {
  return performance.timeOrigin + performance.now();
}

function base64url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function socketUrl(base, group) {
  const url = new URL(base);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new SyncMsError('invalid', `url must be http(s) or ws(s), not ${base}`);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/players/${encodeURIComponent(group)}`;
  url.search = '';
  url.hash = '';
  return url.href;
}

function requireName(what, value) {
  if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(value)) {
    throw new SyncMsError('invalid', `${what} must be 1-128 letters, digits, '.', '_' or '-', not ${JSON.stringify(value)}`);
  }
}

/**
 * Creates a participant; nothing is sent before initialize().
 * options: {url, group, role, id, slaves, token, settings, WebSocket, now, delivery, spinMs, requestTimeoutMs}
 */
export function createSyncMs(options) {
  const {
    url, group, role, id, slaves = [], token, settings = {},
    WebSocket: Socket = globalThis.WebSocket, now = defaultNow,
    delivery = 'spin', spinMs = DEFAULT_SPIN_MS, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  } = options ?? {};
  requireName('group', group);
  requireName('id', id);
  if (role !== 'master' && role !== 'slave') throw new SyncMsError('invalid', `role must be 'master' or 'slave', not ${JSON.stringify(role)}`);
  if (!Array.isArray(slaves)) throw new SyncMsError('invalid', 'slaves must be an array of ids');
  slaves.forEach((slave) => requireName('slave id', slave));
  if (typeof token !== 'string' || token.length === 0) throw new SyncMsError('invalid', 'token is missing (a player token or the API token)');
  if (typeof Socket !== 'function') {
    throw new SyncMsError('invalid', 'no WebSocket: use a current browser, Node.js >= 22, Node 20 with --experimental-websocket, or pass options.WebSocket');
  }
  if (delivery !== 'spin' && delivery !== 'frame') throw new SyncMsError('invalid', `delivery must be 'spin' or 'frame', not ${JSON.stringify(delivery)}`);
  const target = socketUrl(url, group);

  let socket = null;
  let opened = null;
  let closedError = null;
  let nextRequest = 1;
  const pending = new Map();
  const listeners = [];
  const leaveListeners = [];
  let listening = null;
  let clock = null;

  function fail(error) {
    closedError = closedError ?? error;
    for (const { reject, timer } of pending.values()) {
      clearTimeout(timer);
      reject(closedError);
    }
    pending.clear();
  }

  function connect() {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      let ws;
      try {
        ws = new Socket(target, [PROTOCOL, `syncms.bearer.${base64url(token)}`]);
      } catch (error) {
        reject(new SyncMsError('connection', `cannot open ${target}: ${error.message}`));
        return;
      }
      socket = ws;
      let isOpen = false;
      ws.onopen = () => {
        isOpen = true;
        resolve();
      };
      ws.onerror = () => {
        if (!isOpen) {
          const error = new SyncMsError('connection', `the WebSocket ${target} could not be opened `
            + '(a refused credential looks the same to a page: check the token and the group)');
          fail(error);
          reject(error);
        }
      };
      ws.onclose = (event) => {
        const error = new SyncMsError('closed', `the connection closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`);
        if (!isOpen) reject(error);
        fail(error);
      };
      ws.onmessage = (event) => receive(event.data);
    });
    return opened;
  }

  function send(frame) {
    socket.send(JSON.stringify(frame));
  }

  async function request(op, body = {}) {
    if (closedError) throw closedError;
    await connect();
    if (closedError) throw closedError;
    const req = nextRequest++;
    const text = JSON.stringify({ ...body, op, req }); // a message that cannot be sent fails here, before it waits
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(req);
        reject(new SyncMsError('timeout', `no answer to ${op} within ${requestTimeoutMs} ms`));
      }, requestTimeoutMs);
      pending.set(req, { resolve, reject, timer, op });
      socket.send(text);
    });
  }

  function receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame.ping === 'number') {
      send({ pong: frame.ping, t: now() });
    } else if ('re' in frame) {
      answered(frame);
    } else if (frame.delivery) {
      deliver(frame.delivery, now());
    } else if (frame.event === 'left') {
      for (const listener of leaveListeners) safely(listener, { role: frame.role, id: frame.id });
    }
  }

  function answered(frame) {
    const waiting = pending.get(frame.re);
    if (!waiting) return;
    pending.delete(frame.re);
    clearTimeout(waiting.timer);
    if (frame.error) {
      const problem = frame.error;
      const reason = problem.reason ?? problem.type?.split('/').pop() ?? 'error';
      waiting.reject(new SyncMsError(reason, `${waiting.op}: ${problem.title ?? 'failed'}: ${problem.detail ?? ''}`.trim(), problem));
    } else {
      waiting.resolve(frame.result);
    }
  }

  function safely(callback, value) {
    try {
      callback(value);
    } catch (error) {
      setTimeout(() => { throw error; });
    }
  }

  // The last stretch before an instant is spun, to the microsecond. The loop runs for 40 ms at clock_sync
  // so that the engine has compiled it through its tiers before the first delivery: in a fresh Node
  // process the first deliveries otherwise came 2-6 ms late, paused inside the spin.
  function spinUntil(localTarget) {
    let spins = 0;
    while (now() < localTarget) spins++;
    return spins;
  }

  function warmUp() {
    for (let round = 0; round < 20; round++) spinUntil(now() + 2);
  }

  function masterNow() {
    return now() + (clock?.offset ?? 0);
  }

  // Runs `action` when the local clock reaches `localTarget` (ms): a timer to spinMs before it, then a spin
  // (or the first animation frame at or after it). `action` gets whether it ran after the instant.
  function at(localTarget, action) {
    const early = localTarget - now();
    if (early <= 0) {
      action(true);
      return;
    }
    if (delivery === 'frame' && typeof requestAnimationFrame === 'function') {
      // a hidden tab runs no animation frames: then the timer delivers (late, and says so)
      const frame = () => {
        if (now() >= localTarget) action(now() - localTarget > 50);
        else if (typeof document !== 'undefined' && document.hidden) setTimeout(() => action(now() - localTarget > 50), Math.max(0, localTarget - now()));
        else requestAnimationFrame(frame);
      };
      setTimeout(frame, Math.max(0, early - 20));
      return;
    }
    setTimeout(() => {
      spinUntil(localTarget);
      action(false);
    }, Math.max(0, early - spinMs));
  }

  function deliver(body, arrivedAt) {
    const base = {
      kind: ['SYNC_OUT', 'SYNC_IN', 'CLIENT'].includes(body.kind) ? body.kind : 'UNKNOWN',
      message: body.message,
      from: body.from ?? null,
      messageId: body.messageId ?? null,
      sentAt: body.sentAt ?? null,
      deliverAt: body.deliverAt ?? null,
    };
    const hand = (late) => {
      const delivered = { ...base, deliveredAt: masterNow(), late: Boolean(late || body.late) };
      for (const listener of listeners) safely(listener, delivered);
    };
    if (base.kind === 'SYNC_OUT' && base.deliverAt !== null && clock) {
      const localTarget = base.deliverAt - clock.offset;
      if (arrivedAt > localTarget) hand(true);
      else at(localTarget, hand);
    } else {
      hand(false);
    }
  }

  function messageOf(message) {
    if (message === undefined) throw new SyncMsError('invalid', 'message is missing (null is a message)');
    return message;
  }

  return {
    /** Connects, joins the group and resolves once the master and every listed slave have joined. */
    initialize() {
      return request('initialize', { role, id, slaves, settings });
    },
    /** Cristian's algorithm, the instance asking this page; resolves {offset, errorBound, oneWayDelay, samples} in ms. */
    async clock_sync() {
      clock = await request('clock_sync');
      if (delivery === 'spin') warmUp();
      return { ...clock };
    },
    /** Hands deliveries to `callback` from now on (and to callbacks added before). */
    listener(callback) {
      if (typeof callback !== 'function') return Promise.reject(new SyncMsError('invalid', 'listener needs a function'));
      listeners.push(callback);
      listening = listening ?? request('listen').catch((error) => {
        listening = null; // a later listener() asks again
        throw error;
      });
      return listening.then(() => undefined);
    },
    /** Master: sends to every slave for delivery at deliverAt; resolves then (or at once with resolveImmediately). */
    async sync_out(message, resolveImmediately = false) {
      const receipt = await request('sync_out', { message: messageOf(message) });
      if (resolveImmediately || !clock) return receipt;
      return new Promise((resolve) => at(receipt.deliverAt - clock.offset, () => resolve({ ...receipt, deliveredAt: masterNow() })));
    },
    /** Slave: sends to the master, stamped with this page's synchronized send time. */
    sync_in(message) {
      let body;
      try {
        body = { message: messageOf(message), sentAt: masterNow() };
      } catch (error) {
        return Promise.reject(error);
      }
      return request('sync_in', body);
    },
    enable_sync_in() {
      return request('enable_sync_in').then(() => undefined);
    },
    disable_sync_in() {
      return request('disable_sync_in').then(() => undefined);
    },
    /** The participant as the instance sees it: state, clock (D and W at the master), slaves' clock reports, counters. */
    status() {
      return request('status');
    },
    /** Calls `callback({role, id})` when another participant of the group leaves (or its page's socket closed). */
    onMemberLeft(callback) {
      leaveListeners.push(callback);
    },
    /** Now on the master's clock (epoch ms), as far as clock_sync measured it. */
    masterNow,
    /** The last clock_sync's result, or null. */
    get clock() {
      return clock ? { ...clock } : null;
    },
    /** Leaves the group and closes the socket. */
    async close() {
      if (!socket || closedError) {
        closedError = closedError ?? new SyncMsError('closed', 'the participant was closed');
        return;
      }
      try {
        await request('close');
      } catch {
        // closed already
      }
      fail(new SyncMsError('closed', 'the participant was closed'));
      socket.close(1000);
    },
  };
}
