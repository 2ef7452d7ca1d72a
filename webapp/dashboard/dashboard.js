// The syncms dashboard: plain ES module, no build step. Every figure comes from the REST API with the
// API token (kept in this tab's sessionStorage only); live deliveries come as server-sent events, read
// with fetch because EventSource cannot send an Authorization header.

const POLL_MS = 2000;
const SHOWN_DELIVERIES = 15;
const api = new URL('../api/', document.baseURI);

let token = sessionStorage.getItem('syncms-token');
let timer = null;
const streams = new Map();          // group -> {controller, deliveries: []}
let lastStore = null;               // {lastSeq, at}

const $ = (id) => document.getElementById(id);

function text(tag, value, className) {
  const element = document.createElement(tag);
  element.textContent = value ?? '–';
  if (className) element.className = className;
  return element;
}

function row(cells) {
  const tr = document.createElement('tr');
  cells.forEach((cell) => tr.append(cell));
  return tr;
}

function ms(value, digits = 3) {
  return value === null || value === undefined ? '–' : `${Number(value).toFixed(digits)} ms`;
}

async function get(path) {
  const response = await fetch(new URL(path, api), { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail ?? detail; } catch { /* not a problem body */ }
    const error = new Error(`${response.status} ${detail}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

// ------------------------------------------------------------------ groups

function renderGroups(groups) {
  $('groups-empty').hidden = groups.length > 0;
  const container = $('groups');
  const seen = new Set();
  for (const status of groups) {
    seen.add(status.group);
    let card = container.querySelector(`[data-group="${CSS.escape(status.group)}"]`);
    if (!card) {
      card = document.createElement('div');
      card.className = 'group';
      card.dataset.group = status.group;
      container.append(card);
      follow(status.group);
    }
    // a slave's deliveredAt is on its own clock: the offset puts it on the master's, as deliverAt is
    card.replaceChildren(groupView(status), deliveriesView(status.group, status.clock?.offsetMs ?? 0));
  }
  for (const card of [...container.children]) {
    if (!seen.has(card.dataset.group)) {
      card.remove();
      streams.get(card.dataset.group)?.controller.abort();
      streams.delete(card.dataset.group);
    }
  }
}

function groupView(status) {
  const view = document.createElement('div');
  const title = text('h3', `${status.group}: ${status.role} "${status.id}" `);
  title.append(text('span', status.state, `state-${status.state}`));
  const clock = status.clock ?? {};
  const figures = document.createElement('table');
  figures.className = 'figures';
  figures.append(
    row([text('th', 'clock offset to the master'), text('td', ms(clock.offsetMs), 'num clock-offset')]),
    row([text('th', 'error bound'), text('td', ms(clock.errorBoundMs), 'num clock-error')]),
    row([text('th', 'delivered (late)'), text('td', `${status.counters.delivered} (${status.counters.late})`, 'num delivered')]),
  );
  if (status.role === 'master') {
    figures.append(row([text('th', 'D (sync-out delay), W (sync-in window)'),
      text('td', `${ms(clock.deliveryDelayMs, 1)}, ${ms(clock.maxWaitMs, 1)}`, 'num')]));
  }
  view.append(title, figures);
  if (status.role === 'master' && status.slaves?.length) {
    const slaves = document.createElement('table');
    slaves.className = 'list';
    slaves.append(row([text('th', 'slave'), text('th', 'joined'), text('th', 'offset', 'num'), text('th', 'error bound', 'num')]));
    for (const slave of status.slaves) {
      slaves.append(row([text('td', slave.id), text('td', slave.joined ? 'yes' : 'no'),
        text('td', ms(slave.offsetMs), 'num'), text('td', ms(slave.errorBoundMs), 'num')]));
    }
    view.append(slaves);
  }
  const grid = document.createElement('div');
  grid.className = 'group-grid';
  grid.append(view);
  return grid;
}

function deliveriesView(group, offsetMs) {
  const table = document.createElement('table');
  table.className = 'list deliveries';
  table.append(row([text('th', 'seq', 'num'), text('th', 'kind'), text('th', 'from'), text('th', 'message'),
    text('th', 'delivered − deliver at', 'num')]));
  for (const d of streams.get(group)?.deliveries ?? []) {
    // deliverAtMicros is on the master's clock, deliveredAtMicros on this instance's
    const lateness = d.deliverAtMicros == null ? null : (d.deliveredAtMicros - d.deliverAtMicros) / 1000 + offsetMs;
    table.append(row([text('td', d.seq, 'num'), text('td', d.kind), text('td', d.from),
      text('td', JSON.stringify(d.message).slice(0, 40)), text('td', ms(lateness), d.late ? 'num late' : 'num')]));
  }
  const wrapper = document.createElement('div');
  wrapper.append(text('h3', 'live deliveries'), table);
  return wrapper;
}

/** Follows a group's deliveries (server-sent events over fetch), reconnecting with Last-Event-ID. */
function follow(group) {
  const state = { controller: new AbortController(), deliveries: [], lastId: null };
  streams.set(group, state);
  const connect = async () => {
    const headers = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
    if (state.lastId) headers['Last-Event-ID'] = state.lastId;
    try {
      const response = await fetch(new URL(`groups/${encodeURIComponent(group)}/deliveries/stream`, api),
        { headers, signal: state.controller.signal });
      if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          receive(state, buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (error) {
      if (state.controller.signal.aborted) return;
    }
    if (!state.controller.signal.aborted) setTimeout(connect, POLL_MS);
  };
  connect();
}

function receive(state, block) {
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('id:')) state.lastId = line.slice(3).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trimStart();
  }
  if (!data) return;                 // a keep-alive comment
  state.deliveries.unshift(JSON.parse(data));
  state.deliveries.length = Math.min(state.deliveries.length, SHOWN_DELIVERIES);
}

// ------------------------------------------------------------------ store and Chums

function renderStore(store) {
  const now = performance.now();
  if (lastStore) {
    const rate = (store.lastSeq - lastStore.lastSeq) / ((now - lastStore.at) / 1000);
    $('store-rate').textContent = rate.toFixed(1);
  }
  lastStore = { lastSeq: store.lastSeq, at: now };
  $('store-last-seq').textContent = store.lastSeq;
  $('store-takes-writes').textContent = store.takesWrites ? 'yes' : 'NO';
  $('store-quarantined').textContent = store.quarantinedCount;
  $('store-epoch').textContent = store.epoch;
}

function renderChums(answer) {
  const jobs = new Map(answer.jobs.map((job) => [job.id, job]));
  const rows = answer.chums.map((chum) => ({ chum, job: jobs.get(chum.id) }));
  for (const job of answer.jobs) {
    if (!answer.chums.some((chum) => chum.id === job.id)) rows.push({ chum: null, job });
  }
  $('chums-empty').hidden = rows.length > 0;
  $('chums').hidden = rows.length === 0;
  const body = $('chums').tBodies[0];
  body.replaceChildren(...rows.reverse().map(({ chum, job }) => {
    const options = (chum ?? job).options;
    const state = chum?.state ?? 'WAITING';
    const jobText = job ? `${job.runs} runs, ${job.failures} failed${job.nextRunAt ? `, next ${new Date(job.nextRunAt).toLocaleTimeString()}` : ''}` : '–';
    const count = (c) => (c ? `${c.objects + c.idObjects + c.blobs + c.clobs} (${(c.bytes / 1e6).toFixed(2)} MB)` : '–');
    return row([text('td', (chum ?? job).id.slice(0, 8)), text('td', options.remoteInstanceName), text('td', state, `state-${state}`),
      text('td', jobText), text('td', chum ? `${chum.progress.done} / ${chum.progress.total}` : '–', 'num'),
      text('td', count(chum?.received), 'num'), text('td', count(chum?.sent), 'num'),
      text('td', job && job.lag >= 0 ? job.lag : '–', 'num'),
      text('td', job?.lastError ?? chum?.errors?.[0]?.message ?? '')]);
  }));
}

// ------------------------------------------------------------------ the loop

async function refresh() {
  try {
    const [groups, store, chums] = await Promise.all([get('groups'), get('store'), get('chums')]);
    renderGroups(groups.groups);
    renderStore(store);
    renderChums(chums);
    $('connection').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    $('connection').textContent = error.status === 401 || error.status === 403
      ? `refused (${error.message}): check the token` : `unreachable: ${error.message}`;
  }
}

async function connect() {
  clearInterval(timer);
  try {
    const instance = await get('instance');
    $('instance').textContent = `instance ${instance.name}`;
  } catch (error) {
    $('connection').textContent = `refused (${error.message}): check the token`;
    return;
  }
  await refresh();
  timer = setInterval(refresh, POLL_MS);
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  token = $('token').value.trim();
  sessionStorage.setItem('syncms-token', token);
  streams.forEach((state) => state.controller.abort());
  streams.clear();
  $('groups').replaceChildren();
  connect();
});

if (token) connect();
