// Type declarations of syncms.js (protocol syncms.v1). Times are epoch milliseconds with sub-millisecond
// fractions; every time in a delivery or receipt is on the master's clock.

export type Role = 'master' | 'slave';
export type DeliveryKind = 'SYNC_OUT' | 'SYNC_IN' | 'CLIENT' | 'UNKNOWN';

export interface SyncMsOptions {
  /** The instance's base URL: http(s):// or ws(s)://host:port; the client connects to <url>/players/<group>. */
  url: string;
  group: string;
  role: Role;
  id: string;
  /** The master's list of slave ids; a slave may leave it out. */
  slaves?: string[];
  /** A player token (POST /api/groups/{group}/player-tokens) or the API token. */
  token: string;
  /** Overrides of the group's settings by their JSON names, e.g. { clockSyncIterations: 20, clockSyncCycleDelayMs: 20 }. */
  settings?: Record<string, number>;
  /** A WebSocket constructor (default: globalThis.WebSocket). */
  WebSocket?: new (url: string, protocols: string[]) => WebSocket;
  /** This page's clock in epoch ms (default: performance.timeOrigin + performance.now()). */
  now?: () => number;
  /** 'spin' (default): a timer, then a spin to the instant; 'frame': the first animation frame at or after it. */
  delivery?: 'spin' | 'frame';
  /** How long before a delivery instant the timer fires and the spin starts (default 4 ms). */
  spinMs?: number;
  /** A step not answered within this many ms rejects with reason 'timeout' (default 120000). */
  requestTimeoutMs?: number;
}

export interface Delivery {
  kind: DeliveryKind;
  message: unknown;
  from: string | null;
  messageId: string | null;
  /** Sync-in and client messages: the sender's synchronized send time. */
  sentAt: number | null;
  /** Sync-out: the instant the master asked for; sync-in: the end of the fair-order window. */
  deliverAt: number | null;
  /** When this page handed the message to the callback, on the master's clock as this page knows it. */
  deliveredAt: number;
  /** Sync-out: arrived after deliverAt; sync-in: could not be put in fair order any more. */
  late: boolean;
}

export interface ClockResult {
  /** Master's clock minus this page's clock. */
  offset: number;
  /** The true offset lies within offset ± errorBound (this page's link and the instance's, added). */
  errorBound: number;
  /** One-way delay from this page to the master. */
  oneWayDelay: number;
  samples: number;
}

export interface Joined {
  group: string;
  role: Role;
  id: string;
  slaves: string[];
}

export interface SyncOutReceipt {
  messageId: string;
  deliverAt: number;
  /** Present when the promise waited for deliverAt. */
  deliveredAt?: number;
}

export interface SyncInReceipt {
  messageId: string;
  /** The send time the instance stamped: this page's claim, held to what the instance saw. */
  sentAt: number;
  seq: number;
}

/** The RFC 9457 problem the instance answered, as sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  reason?: string;
  [member: string]: unknown;
}

export declare class SyncMsError extends Error {
  readonly name: 'SyncMsError';
  /** e.g. 'timeout', 'wrong-state', 'second-master', 'forbidden', 'connection', 'closed', 'invalid'. */
  readonly reason: string;
  readonly problem: Problem | null;
  readonly status: number | null;
  readonly code: string | null;
  readonly type: string | null;
}

export interface SyncMs {
  initialize(): Promise<Joined>;
  clock_sync(): Promise<ClockResult>;
  listener(callback: (delivery: Delivery) => void): Promise<void>;
  sync_out(message: unknown, resolveImmediately?: boolean): Promise<SyncOutReceipt>;
  sync_in(message: unknown): Promise<SyncInReceipt | null>;
  enable_sync_in(): Promise<void>;
  disable_sync_in(): Promise<void>;
  status(): Promise<Record<string, unknown>>;
  onMemberLeft(callback: (member: { role: Role; id: string }) => void): void;
  masterNow(): number;
  readonly clock: ClockResult | null;
  close(): Promise<void>;
}

export declare function createSyncMs(options: SyncMsOptions): SyncMs;
