// The players benchmark: masters in this process, players (syncms.js clients) in worker processes, all
// over real WebSockets to one or more syncms instances. Every process runs on this host, so every clock
// is the same wall clock: a player's true delivery time is its own performance.timeOrigin + now(), and
// its true offset to the master is 0 (the estimate's absolute value is its error).
//
//   node bench/players/players.mjs --url http://127.0.0.1:8080[,http://127.0.0.1:8081] --token TOKEN
//        [--groups 1] [--players 8] [--workers 8] [--rounds 200] [--interval 60] [--fire 50] [--burst 100]
//        [--spin 4] [--iterations 20]
//
// Players are spread over the URLs (round robin) and over the workers. Prints a table and, last, a line
// "RESULT {json}" with every figure.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createSyncMs } from '../../clients/js/syncms.js';

const now = () => performance.timeOrigin + performance.now();
// The host's wall clock, to the sub-millisecond: Node's performance.timeOrigin may differ from the wall clock
// by milliseconds (16 ms in one of eight worker processes once), so the truth a worker measures against is
// its clock corrected by the mean of (Date.now() + 0.5) - now() over 3 ms of samples (Date.now() truncates).
function wallBias() {
  let sum = 0;
  let n = 0;
  const end = now() + 3;
  while (now() < end) {
    const hr = now();
    sum += Date.now() + 0.5 - hr;
    n++;
  }
  return sum / n;
}
const bias = wallBias();
const trueNow = () => now() + bias;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// what a page may set; the margins (the group's D and W) only the master sets
let SETTINGS = { clockSyncIterations: 20, clockSyncCycleDelayMs: 10, clockSyncTimeoutMs: 120000,
  masterClockSyncFinishMs: 180000, initTimeoutMs: 180000, initWaitMs: 500 };
const MASTER_SETTINGS = { syncOutMarginMs: 20, syncInMarginMs: 20 };

function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

if (process.argv[2] === '--worker') worker();
else await main();

// ---------------------------------------------------------------- a worker: many players

function worker() {
  process.on('disconnect', () => process.exit(1)); // the driver is gone
  const players = [];
  const records = [];
  process.on('message', async (command) => {
    try {
      if (command.cmd === 'join') {
        for (const spec of command.players) {
          const sm = createSyncMs({ url: spec.url, group: spec.group, role: 'slave', id: spec.id, token: command.token,
            settings: { ...SETTINGS, clockSyncIterations: command.iterations }, spinMs: command.spinMs });
          players.push({ ...spec, sm });
        }
        await Promise.all(players.map((p) => p.sm.initialize()));
        process.send({ ev: 'joined' });
      } else if (command.cmd === 'clock') {
        const clocks = await Promise.all(players.map((p) => p.sm.clock_sync()));
        await Promise.all(players.map((p) => p.sm.listener((d) => onDelivery(p, d))));
        // the true offset is the correction of this process's clock: the estimate's error is the difference
        process.send({ ev: 'clocked', clocks: clocks.map((c, i) => ({ id: players[i].id, group: players[i].group, ...c,
          trueOffset: bias })) });
      } else if (command.cmd === 'burst') {
        const started = now();
        // each player keeps 32 sends in flight (an instance answers 429 beyond 64 unanswered)
        await Promise.all(players.map(async (p) => {
          let next = 0;
          const lane = async () => {
            while (next < command.count) await p.sm.sync_in({ type: 'burst', i: next++ });
          };
          await Promise.all(Array.from({ length: 32 }, lane));
        }));
        process.send({ ev: 'burst', ms: now() - started });
      } else if (command.cmd === 'report') {
        process.send({ ev: 'report', records });
      } else if (command.cmd === 'close') {
        await Promise.all(players.map((p) => p.sm.close()));
        process.exit(0);
      }
    } catch (error) {
      process.send({ ev: 'error', message: error.message });
    }
  });

  function onDelivery(player, delivery) {
    const wall = trueNow();
    const message = delivery.message ?? {};
    if (delivery.kind !== 'SYNC_OUT') return;
    records.push({ group: player.group, id: player.id, round: message.round, type: message.type, wall,
      deliverAt: delivery.deliverAt, late: delivery.late });
    if (message.type === 'fire') {
      // send at deliverAt + 10 ms + slot * gap on the synchronized clock: a permutation the master must
      // restore. Every slot is timed the same way, by a timer and a spin of the last 8 ms.
      const slot = message.slots[player.id];
      const target = delivery.deliverAt + 10 + slot * message.gapMs - player.sm.clock.offset;
      setTimeout(() => {
        while (now() < target) { /* spin to the instant */ }
        // the true send time (this host's clock, which every process shares) travels along for the check
        player.sm.sync_in({ type: 'fire', round: message.round, slot, sentWall: trueNow() }).catch(() => {});
      }, Math.max(0, target - now() - 8));
    }
  }
}

// ---------------------------------------------------------------- the driver: masters, rounds, figures

async function main() {
  const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
  const urls = (args.url ?? 'http://127.0.0.1:8080').split(',');
  const token = args.token ?? process.env.SYNCMS_API_TOKEN;
  const groups = Number(args.groups ?? 1);
  const perGroup = Number(args.players ?? 8);
  const workers = Number(args.workers ?? Math.min(8, groups * perGroup));
  const rounds = Number(args.rounds ?? 200);
  const interval = Number(args.interval ?? 60);
  const fireRounds = Number(args.fire ?? 50);
  const burst = Number(args.burst ?? 100);
  const tag = args.tag ?? `b${Date.now().toString(36)}`;
  // many players per worker share its event loop: a shorter spin (or none) keeps them from queueing
  const spinMs = Number(args.spin ?? 4);
  const iterations = Number(args.iterations ?? 20);
  SETTINGS = { ...SETTINGS, clockSyncIterations: iterations };

  const specs = [];
  const masters = [];
  for (let g = 0; g < groups; g++) {
    const group = `${tag}-g${g}`;
    const ids = Array.from({ length: perGroup }, (_, i) => `p${i}`);
    ids.forEach((id, i) => specs.push({ group, id, url: urls[(g * perGroup + i) % urls.length] }));
    masters.push({ group, ids, sm: createSyncMs({ url: urls[g % urls.length], group, role: 'master', id: 'm', slaves: ids, token, settings: { ...SETTINGS, ...MASTER_SETTINGS } }), inOrder: [] });
  }
  const children = Array.from({ length: workers }, () => fork(fileURLToPath(import.meta.url), ['--worker'], { execArgv: process.execArgv }));
  const waitAll = (ev) => Promise.all(children.map((child) => new Promise((resolve, reject) => {
    const on = (message) => {
      if (message.ev === ev) { child.off('message', on); resolve(message); }
      if (message.ev === 'error') { child.off('message', on); reject(new Error(message.message)); }
    };
    child.on('message', on);
  })));
  const progress = (text) => console.error(`[${((now() - started) / 1000).toFixed(1)} s] ${text}`);
  const started = now();
  children.forEach((child, w) => child.send({ cmd: 'join', token, iterations, spinMs, players: specs.filter((_, i) => i % workers === w) }));
  await Promise.all([...masters.map((m) => m.sm.initialize()), waitAll('joined')]);
  const joinedMs = now() - started;
  progress('every participant initialized');
  const clocked = waitAll('clocked');
  children.forEach((child) => child.send({ cmd: 'clock' }));
  await Promise.all(masters.map((m) => m.sm.clock_sync()));
  const clocks = (await clocked).flatMap((m) => m.clocks);
  progress('clocks synchronized');
  for (const master of masters) {
    await master.sm.listener((d) => { if (d.kind === 'SYNC_IN') master.inOrder.push(d); });
  }
  await sleep(200);

  // sync-out rounds: each group's master sends once per interval, the groups spread evenly over it (as
  // independent games are), so that a round of many groups is not one burst
  const stagger = (g) => (g * interval) / groups;
  const eachGroup = async (send) => {
    const start = now();
    await Promise.all(masters.map(async (m, g) => {
      await sleep(Math.max(0, start + stagger(g) - now()));
      await send(m);
    }));
  };
  for (let round = 1; round <= rounds; round++) {
    const start = now();
    await eachGroup((m) => m.sm.sync_out({ type: 'tick', round }, true));
    await sleep(Math.max(0, start + interval - now()));
  }
  progress(`${rounds} sync-out rounds sent`);
  // sync-in fairness: each player sends at deliverAt + 10 ms + slot * 2 ms, the slots a random permutation
  for (const master of masters) await master.sm.enable_sync_in();
  const expected = new Map();
  const fireInterval = Math.max(interval, perGroup * 2 + 60);
  for (let round = rounds + 1; round <= rounds + fireRounds; round++) {
    const start = now();
    await eachGroup((m) => {
      const order = [...m.ids].sort(() => Math.random() - 0.5);
      const slots = Object.fromEntries(order.map((id, slot) => [id, slot]));
      expected.set(`${m.group}/${round}`, order);
      return m.sm.sync_out({ type: 'fire', round, slots, gapMs: 2 }, true);
    });
    await sleep(Math.max(0, start + fireInterval - now()));
  }
  await sleep(500);
  const closeMs = Math.max(...clocks.map((c) => c.errorBound)) * 2;
  const fairness = fairnessOf(masters, expected, perGroup, closeMs);
  progress(`${fireRounds} sync-in rounds sent`);
  // sync-in throughput
  for (const master of masters) master.inOrder.length = 0;
  const bursts = waitAll('burst');
  children.forEach((child) => child.send({ cmd: 'burst', count: burst }));
  const burstStart = now();
  await bursts;
  const total = groups * perGroup * burst;
  while (masters.reduce((n, m) => n + m.inOrder.length, 0) < total && now() - burstStart < 60_000) await sleep(5);
  const burstMs = now() - burstStart;
  const burstDelivered = masters.reduce((n, m) => n + m.inOrder.length, 0);
  for (const master of masters) await master.sm.disable_sync_in();

  const reports = await (() => { const r = waitAll('report'); children.forEach((c) => c.send({ cmd: 'report' })); return r; })();
  const records = reports.flatMap((r) => r.records);
  children.forEach((c) => c.send({ cmd: 'close' }));
  await Promise.all(masters.map((m) => m.sm.close()));

  // figures
  const byRound = new Map();
  for (const record of records.filter((r) => r.type === 'tick' || r.type === 'fire')) {
    const key = `${record.group}/${record.round}`;
    if (!byRound.has(key)) byRound.set(key, []);
    byRound.get(key).push(record);
  }
  const spreads = [];
  let incomplete = 0;
  for (const list of byRound.values()) {
    if (list.length < perGroup) incomplete++;
    const walls = list.map((r) => r.wall);
    spreads.push(Math.max(...walls) - Math.min(...walls));
  }
  const lateness = records.map((r) => r.wall - r.deliverAt);
  const lateCount = records.filter((r) => r.late).length;
  const offsetErrors = clocks.map((c) => Math.abs(c.offset - c.trueOffset));
  const result = {
    date: new Date().toISOString(), node: process.version, urls, groups, playersPerGroup: perGroup, players: groups * perGroup, workers,
    joinAndInitializeMs: joinedMs, rounds: byRound.size, incompleteRounds: incomplete, deliveries: records.length,
    spread: { p50: percentile(spreads, 50), p99: percentile(spreads, 99), max: Math.max(...spreads) },
    lateness: { p50: percentile(lateness, 50), p99: percentile(lateness, 99), max: Math.max(...lateness) }, lateDeliveries: lateCount,
    offsetError: { p50: percentile(offsetErrors, 50), p99: percentile(offsetErrors, 99), max: Math.max(...offsetErrors) },
    errorBound: { p50: percentile(clocks.map((c) => c.errorBound), 50), max: Math.max(...clocks.map((c) => c.errorBound)) },
    syncIn: { fireRounds: fireRounds * groups, ...fairness },
    throughput: { messages: burstDelivered, of: total, ms: burstMs, perSecond: (burstDelivered / burstMs) * 1000 },
  };
  print(result);
}

// Sync-in as the masters' applications got it: per round, in delivery order. An inversion is a pair
// delivered in the opposite order of their true send times (the host's clock, taken at the send). The
// protocol orders what arrives within the window W; a message that arrives later is handed over at once and
// marked late, so pairs with a late message are counted apart. Pairs sent closer together than the clocks'
// error can be swapped by the stamps themselves, so they are counted apart too; the target is 0 for the rest.
function fairnessOf(masters, expected, perGroup, closeMs) {
  let inversions = 0;
  let pairs = 0;
  let closeInversions = 0;
  let closePairs = 0;
  let lateInversions = 0;
  let late = 0;
  let missing = 0;
  for (const master of masters) {
    const rounds = new Map();
    for (const delivery of master.inOrder) {
      if (delivery.message?.type !== 'fire') continue;
      if (delivery.late) late++;
      const key = `${master.group}/${delivery.message.round}`;
      if (!rounds.has(key)) rounds.set(key, []);
      rounds.get(key).push({ sent: delivery.message.sentWall, late: delivery.late });
    }
    for (const key of expected.keys()) {
      if (!key.startsWith(`${master.group}/`)) continue;
      const sent = rounds.get(key) ?? [];
      missing += perGroup - sent.length;
      for (let i = 0; i < sent.length; i++) {
        for (let j = i + 1; j < sent.length; j++) {
          const inverted = sent[i].sent > sent[j].sent;
          if (sent[i].late || sent[j].late) {
            if (inverted) lateInversions++;
          } else if (Math.abs(sent[i].sent - sent[j].sent) <= closeMs) {
            closePairs++;
            if (inverted) closeInversions++;
          } else {
            pairs++;
            if (inverted) inversions++;
          }
        }
      }
    }
  }
  return { inversions, pairs, closeInversions, closePairs, closeMs, lateInversions, late, missing };
}

function print(result) {
  const f = (value) => (value === null || value === undefined ? '–' : value.toFixed(3));
  console.log(`players benchmark, ${result.date}, Node ${result.node}: ${result.groups} group(s) x ${result.playersPerGroup} players `
    + `= ${result.players} players in ${result.workers} worker processes, instances ${result.urls.join(' ')}`);
  console.log('| measurement | unit | p50 | p99 | max |');
  console.log('|---|---|---:|---:|---:|');
  console.log(`| sync-out delivery spread, max - min true delivery time per group and round (${result.rounds} rounds, ${result.incompleteRounds} incomplete) | ms | ${f(result.spread.p50)} | ${f(result.spread.p99)} | ${f(result.spread.max)} |`);
  console.log(`| delivery after deliverAt, true clock (${result.deliveries} deliveries, ${result.lateDeliveries} arrived late) | ms | ${f(result.lateness.p50)} | ${f(result.lateness.p99)} | ${f(result.lateness.max)} |`);
  console.log(`| clock-offset error, abs(offset - true offset) | ms | ${f(result.offsetError.p50)} | ${f(result.offsetError.p99)} | ${f(result.offsetError.max)} |`);
  console.log(`| clock error bound (page link + instance link) | ms | ${f(result.errorBound.p50)} | | ${f(result.errorBound.max)} |`);
  const s = result.syncIn;
  console.log(`| sync-in: ${s.fireRounds} rounds of ${result.playersPerGroup} sends about 2 ms apart in a random order: delivered against true send order ${s.inversions} of ${s.pairs} on-time pairs sent more than ${s.closeMs.toFixed(1)} ms apart (2 x the largest error bound), ${s.closeInversions} of ${s.closePairs} on-time pairs sent closer; ${s.late} messages late (${s.lateInversions} inverted pairs with one), missing ${s.missing} | | | | |`);
  console.log(`| sync-in throughput: ${result.throughput.messages} of ${result.throughput.of} messages in ${f(result.throughput.ms)} ms = ${result.throughput.perSecond.toFixed(0)} messages/s | | | | |`);
  console.log(`| join and initialize, all players | ms | ${f(result.joinAndInitializeMs)} | | |`);
  console.log(`RESULT ${JSON.stringify(result)}`);
}
