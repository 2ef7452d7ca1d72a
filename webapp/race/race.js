// The reaction race: the host sends "ready", then, after a random pause, "go" with sync-out, so every page
// shows the signal at the same instant of the host's clock. Players press; each press travels with
// sync-in, stamped with the page's synchronized clock; the host takes them in that order (fair sync-in)
// and announces the first press after the signal. window.__race shows the state (the browser test reads it).
import { createSyncMs } from '../clients/syncms.js';

const $ = (selector) => document.querySelector(selector);
// ids and figures from other pages go into the page as text, never as markup
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ms = (value) => (typeof value !== 'number' ? '–' : `${value.toFixed(2)} ms`);
const race = { state: 'idle', role: null, id: null, clock: null, rounds: {}, result: null, autoPressMs: null };
window.__race = race;

let sm = null;
let round = 0;
let presses = [];
let goDeliverAt = null;

const params = new URLSearchParams(location.search);
for (const field of ['group', 'role', 'id', 'slaves']) if (params.has(field)) $(`#${field}`).value = params.get(field);
$('#token').value = sessionStorage.getItem('syncms-race-token') ?? '';
const showSlaves = () => { $('#slaves-label').hidden = $('#role').value !== 'master'; };
$('#role').addEventListener('change', showSlaves);
showSlaves();

function setState(text) {
  $('#state').textContent = text;
}

function signal(kind, text) {
  race.state = kind;
  $('#signal').className = `signal ${kind}`;
  $('#signal-text').textContent = text;
}

$('#join').addEventListener('submit', async (event) => {
  event.preventDefault();
  const role = $('#role').value;
  const id = $('#id').value.trim();
  const token = $('#token').value.trim();
  sessionStorage.setItem('syncms-race-token', token);
  const slaves = role === 'master' ? $('#slaves').value.split(',').map((s) => s.trim()).filter(Boolean) : [];
  race.role = role;
  race.id = id;
  $('#join-button').disabled = true;
  try {
    sm = createSyncMs({
      url: location.origin, group: $('#group').value.trim(), role, id, slaves, token,
      // a page is not a server: sample the clock often and quickly, and wait long for the other players
      settings: { clockSyncIterations: 20, clockSyncCycleDelayMs: 20, initTimeoutMs: 600000, masterClockSyncFinishMs: 60000,
        clockSyncTimeoutMs: 60000, ...(role === 'master' ? { syncOutMarginMs: 50, syncInMarginMs: 50 } : {}) },
    });
    sm.onMemberLeft((member) => setState(`${member.role} ${member.id} left the group`));
    setState(role === 'master' ? `Waiting for ${slaves.join(', ')} to join…` : 'Waiting for the host and the other players…');
    await sm.initialize();
    setState('Synchronizing clocks…');
    const clock = await sm.clock_sync();
    race.clock = clock;
    $('#offset').textContent = ms(clock.offset);
    $('#error').textContent = `± ${ms(clock.errorBound)}`;
    $('#delay').textContent = ms(clock.oneWayDelay);
    await sm.listener(role === 'master' ? hostReceives : playerReceives);
    if (role === 'master') {
      $('#start').hidden = false;
      $('#start').disabled = false;
      $('#press').hidden = true;
      setState('Everyone is here. Start a round.');
      refreshPlayers();
      setInterval(() => { if (!race.result) refreshPlayers(); }, 2000);
    } else {
      setState('Ready. The host starts the round.');
    }
    race.joined = true;
  } catch (error) {
    setState(`Failed: ${error.message}`);
    race.error = error.message;
    $('#join-button').disabled = false;
  }
});

// ---------------------------------------------------------------- the host

async function refreshPlayers() {
  const status = await sm.status();
  $('#players tbody').innerHTML = status.slaves.map((slave) => `<tr><td>${escape(slave.id)}</td><td>${slave.joined ? 'yes' : 'no'}</td>`
    + `<td>${ms(slave.offset)}</td><td>${slave.errorBound === undefined ? '–' : `± ${ms(slave.errorBound)}`}</td><td>–</td><td>–</td></tr>`).join('');
}

function hostReceives(delivery) {
  // who sent it and when come from the instance, never from the message
  if (delivery.kind === 'SYNC_IN' && delivery.message?.round === round) presses.push({ ...delivery.message, from: delivery.from, sentAt: delivery.sentAt });
}

$('#start').addEventListener('click', async () => {
  $('#start').disabled = true;
  round += 1;
  presses = [];
  $('#round').textContent = round;
  await sm.enable_sync_in();
  await sm.sync_out({ type: 'ready', round }, true);
  signal('ready', 'ready…');
  await new Promise((resolve) => setTimeout(resolve, 1500 + Math.random() * 1500));
  const go = await sm.sync_out({ type: 'go', round });
  goDeliverAt = go.deliverAt;
  signal('go', 'GO');
  race.rounds[round] = { goDeliverAt, deliveredAt: go.deliveredAt, late: go.deliveredAt - go.deliverAt };
  $('#late').textContent = ms(race.rounds[round].late);
  requestAnimationFrame(() => { race.rounds[round].renderedAt = sm.masterNow(); });
  await new Promise((resolve) => setTimeout(resolve, 2500));
  await sm.disable_sync_in();
  const status = await sm.status();
  // presses sent before disabling still arrive within the sync-in window W, in fair order
  await new Promise((resolve) => setTimeout(resolve, (status.clock.maxWait ?? 100) + 50));
  const valid = presses.filter((p) => p.type === 'press' && p.sentAt >= goDeliverAt);
  const falseStarts = presses.filter((p) => !(p.type === 'press' && p.sentAt >= goDeliverAt)).map((p) => p.from);
  const result = {
    type: 'result', round, winner: valid[0]?.from ?? null, order: valid.map((p) => p.from), falseStarts,
    presses: valid.map((p) => ({ from: p.from, reactionMs: p.reactionMs, signalLateMs: p.signalLateMs })),
    players: status.slaves.map((s) => ({ id: s.id, offset: s.offset ?? null, errorBound: s.errorBound ?? null })),
  };
  await sm.sync_out(result, true);
  showResult(result);
  $('#start').disabled = false;
});

// ---------------------------------------------------------------- a player

let pressed = false;

function playerReceives(delivery) {
  const message = delivery.message ?? {};
  if (delivery.kind !== 'SYNC_OUT') return;
  if (message.type === 'ready') {
    round = message.round;
    pressed = false;
    $('#round').textContent = round;
    $('#press').disabled = false;
    signal('ready', 'ready…');
  } else if (message.type === 'go') {
    signal('go', 'GO');
    goDeliverAt = delivery.deliverAt;
    const late = delivery.deliveredAt - delivery.deliverAt;
    race.rounds[message.round] = { goDeliverAt, deliveredAt: delivery.deliveredAt, late };
    $('#late').textContent = ms(late);
    requestAnimationFrame(() => { race.rounds[message.round].renderedAt = sm.masterNow(); });
    if (race.autoPressMs !== null) setTimeout(press, race.autoPressMs);
  } else if (message.type === 'result') {
    showResult(message);
  }
}

async function press() {
  if (race.role !== 'slave' || pressed || !['ready', 'go'].includes(race.state)) return;
  pressed = true;
  $('#press').disabled = true;
  if (race.state === 'ready') {
    await sm.sync_in({ type: 'false-start', round });
    setState('False start!');
    return;
  }
  const reactionMs = sm.masterNow() - goDeliverAt;
  await sm.sync_in({ type: 'press', round, reactionMs, signalLateMs: race.rounds[round]?.late ?? null });
  setState(`You pressed after ${reactionMs.toFixed(1)} ms`);
}

$('#press').addEventListener('click', press);
document.addEventListener('keydown', (event) => {
  if (event.code === 'Space' && event.target.tagName !== 'INPUT') {
    event.preventDefault();
    press();
  }
});

function showResult(result) {
  race.result = result;
  signal('done', result.winner ? `${result.winner} wins` : 'nobody pressed');
  $('#result').textContent = result.winner
    ? `${result.winner} was first: ${result.order.join(' before ')}${result.falseStarts.length ? `; false starts: ${result.falseStarts.join(', ')}` : ''}`
    : 'Nobody pressed after the signal.';
  const rows = result.players.map((player) => {
    const p = result.presses.find((entry) => entry.from === player.id);
    return `<tr${result.winner === player.id ? ' class="winner"' : ''}><td>${escape(player.id)}</td><td>yes</td><td>${ms(player.offset)}</td>`
      + `<td>${player.errorBound === null ? '–' : `± ${ms(player.errorBound)}`}</td><td>${p ? ms(p.reactionMs) : '–'}</td>`
      + `<td>${p ? ms(p.signalLateMs) : '–'}</td></tr>`;
  });
  $('#players tbody').innerHTML = rows.join('');
}
