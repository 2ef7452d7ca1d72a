// A real one.core instance for the module's live interop test (OneCoreLiveTest), run only when a
// developer points ONE_CORE_DIR at a built one.core (a directory with lib/ and node_modules/ws).
//
//   node one-core-peer.mjs <one.core dir> <storage dir>
//
// It talks JSON lines: stdout {"ready":{personId,instanceName}}, then reads one line
// {"remotePersonId","remoteInstanceName","chumName","expect":[hashes],"dial":"ws://…"} from stdin, stores a
// note with a BLOB, a CLOB and a child and a document with two versions, grants them to the remote person,
// prints {"data":{…}}, Chums once over a plain WebSocket (dialing "dial", else listening on a port it
// prints as {"listening":port}) and prints {"done":{hash,idHash,obj,has:{hash:bool}}}: its Chum log object
// and which of the expected hashes arrived.
import path from 'node:path';
import readline from 'node:readline';
import {randomBytes} from 'node:crypto';

const [oneCore, storage] = process.argv.slice(2);
const lib = file => import(path.join(oneCore, 'lib', file));
const out = message => process.stdout.write(JSON.stringify(message) + '\n');

await lib('system/load-nodejs.js');
const {initInstance, closeInstance} = await lib('instance.js');
const {storeVersionedObject} = await lib('storage-versioned-objects.js');
const {storeUnversionedObject} = await lib('storage-unversioned-objects.js');
const {storeArrayBufferAsBlob, storeUTF8Clob} = await lib('storage-blob.js');
const {createAccess} = await lib('access.js');
const {SET_ACCESS_MODE} = await lib('storage-base-common.js');
const {createChum} = await lib('chum-sync.js');
const {createWebsocketPromisifier} = await lib('websocket-promisifier.js');
const {calculateIdHashOfObj} = await lib('util/object.js');
const {exists} = await lib('system/storage-base.js');
const {WebSocket, WebSocketServer} = await import(path.join(oneCore, 'node_modules', 'ws', 'wrapper.mjs'));

const NOTE = 'OneInterop$Note';
const DOC = 'OneInterop$Doc';
const recipes = [
    {$type$: 'Recipe', name: NOTE, rule: [
        {itemprop: 'text'},
        {itemprop: 'attachment', itemtype: {type: 'referenceToBlob'}, optional: true},
        {itemprop: 'clob', itemtype: {type: 'referenceToClob'}, optional: true},
        {itemprop: 'child', itemtype: {type: 'referenceToObj', allowedTypes: new Set(['*'])}, optional: true}]},
    {$type$: 'Recipe', name: DOC, rule: [
        {itemprop: 'title', isId: true},
        {itemprop: 'body', optional: true}]}
];

const instanceName = 'one-core-live';
const email = 'live@one.core.example';
await initInstance({name: instanceName, email, secret: 'live-secret', directory: storage, wipeStorage: true,
    initialRecipes: recipes});
const personId = await calculateIdHashOfObj({$type$: 'Person', email});
out({ready: {personId, instanceName}});

const input = readline.createInterface({input: process.stdin});
const request = JSON.parse(await new Promise(resolve => input.once('line', resolve)));

const blob = (await storeArrayBufferAsBlob(randomBytes(100_000).buffer)).hash;
let text = '';
for (let i = 0; text.length < 70_000; i++) {
    text += `line ${i} of one.core's CLOB äöü€ ✓\n`;
}
const clob = (await storeUTF8Clob(text)).hash;
const child = (await storeUnversionedObject({$type$: NOTE, text: 'child from one.core'})).hash;
const note = (await storeUnversionedObject({$type$: NOTE, text: 'note from one.core', attachment: blob, clob, child})).hash;
const doc1 = await storeVersionedObject({$type$: DOC, title: 'doc from one.core', body: 'version 1'});
const doc2 = await storeVersionedObject({$type$: DOC, title: 'doc from one.core', body: 'version 2'});
await createAccess([
    {object: note, person: [request.remotePersonId], group: [], mode: SET_ACCESS_MODE.REPLACE},
    {id: doc1.idHash, person: [request.remotePersonId], group: [], mode: SET_ACCESS_MODE.REPLACE}
]);
out({data: {note, child, blob, clob, docIdHash: doc1.idHash, docHead: doc2.hash}});

/** A ws WebSocket as the connection one.core's promisifier takes. */
function connection(socket) {
    const stateListeners = new Set();
    const messageListeners = new Set();
    let state = socket.readyState === WebSocket.OPEN ? 'open' : 'connecting';
    const enter = next => {
        state = next;
        stateListeners.forEach(listener => listener(next));
    };
    socket.on('open', () => enter('open'));
    socket.on('close', () => enter('closed'));
    socket.on('message', (data, isBinary) => {
        if (process.env.ONE_PEER_DEBUG) {
            process.stderr.write(`${isBinary ? 'binary ' + data.length + ' ' + Buffer.from(data).subarray(0, 16).toString('hex') + ' ' + (Array.isArray(data) ? 'array' : data.constructor.name) : 'text ' + data.toString('utf8').slice(0, 200)}\n`);
        }
        messageListeners.forEach(listener => listener(isBinary ? new Uint8Array(data) : data.toString('utf8')));
    });
    return {
        id: 1,
        close: reason => socket.close(reason === undefined ? 1000 : 4000, reason),
        send: message => {
            if (process.env.ONE_PEER_DEBUG) {
                process.stderr.write(`SENT ${typeof message === 'string' ? message.slice(0, 200) : 'binary ' + message.byteLength}\n`);
            }
            socket.send(message);
        },
        get bufferedAmount() {
            return socket.bufferedAmount;
        },
        state: {
            onEnterState: {listen: listener => (stateListeners.add(listener), () => stateListeners.delete(listener))},
            get currentState() {
                return state;
            }
        },
        onMessage: {listen: listener => (messageListeners.add(listener), () => messageListeners.delete(listener))}
    };
}

const socket = await new Promise((resolve, reject) => {
    if (request.dial === undefined) {
        const server = new WebSocketServer({host: '127.0.0.1', port: 0});
        server.on('listening', () => out({listening: server.address().port}));
        server.on('connection', resolve);
        server.on('error', reject);
    } else {
        const dialed = new WebSocket(request.dial);
        dialed.on('open', () => resolve(dialed));
        dialed.on('error', reject);
    }
});
const chum = createChum({
    connection: createWebsocketPromisifier(connection(socket)),
    localPersonId: personId,
    remotePersonId: request.remotePersonId,
    chumName: request.chumName ?? 'chum',
    localInstanceName: instanceName,
    remoteInstanceName: request.remoteInstanceName,
    keepRunning: false
});
const result = await chum.promise;
const has = {};
for (const hash of request.expect ?? []) {
    has[hash] = await exists(hash);
}
out({done: {hash: result.hash, idHash: result.idHash, obj: result.obj, has}});
socket.close();
closeInstance();
process.exit(0);
