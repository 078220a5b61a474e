// One command/response client for the two JSON-over-WebSocket protocols the harness
// speaks: the Chrome DevTools Protocol (browser-level commands Playwright does not
// expose, such as `Extensions.triggerAction`) and WebDriver BiDi (everything in
// Firefox).
//
// Both send `{id, method, params}` and answer with the same id; they differ in how
// they say "failed": CDP answers `{id, error: {message}}`, BiDi `{id, type: 'error',
// error, message}`. Events (messages without an id) go to listeners by method name.

import WebSocket from 'ws';

export class JsonSocket {
  /** @param {string} url  @param {{timeoutMs?: number}} [options] */
  static async connect(url, { timeoutMs = 30_000 } = {}) {
    const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 512 * 1024 * 1024 });
    await new Promise((done, fail) => {
      socket.once('open', done);
      socket.once('error', fail);
    });
    return new JsonSocket(socket, timeoutMs);
  }

  constructor(socket, timeoutMs) {
    this.socket = socket;
    this.timeoutMs = timeoutMs;
    this.nextId = 0;
    this.pending = new Map();
    this.listeners = new Map();
    this.closed = false;
    socket.on('message', (data) => this.#receive(JSON.parse(data.toString())));
    socket.on('close', () => {
      this.closed = true;
      for (const { fail, timer } of this.pending.values()) {
        clearTimeout(timer);
        fail(new Error('the browser closed the connection'));
      }
      this.pending.clear();
    });
  }

  /**
   * Sends one command and resolves with its result.
   *
   * @param {string} method
   * @param {object} [params]
   * @param {{sessionId?: string, timeoutMs?: number}} [options] `sessionId` is CDP's
   *   flat-session routing (a command for one attached target).
   */
  send(method, params = {}, { sessionId, timeoutMs = this.timeoutMs } = {}) {
    if (this.closed) return Promise.reject(new Error(`cannot send ${method}: connection closed`));
    const id = ++this.nextId;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        fail(new Error(`${method} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { done, fail, timer, method });
      this.socket.send(JSON.stringify(message));
    });
  }

  /** Calls `fn(params, message)` for every event named `method`; returns an unsubscribe function. */
  on(method, fn) {
    if (!this.listeners.has(method)) this.listeners.set(method, new Set());
    this.listeners.get(method).add(fn);
    return () => this.listeners.get(method)?.delete(fn);
  }

  close() {
    this.closed = true;
    this.socket.terminate();
  }

  #receive(message) {
    if (message.id === undefined) {
      for (const fn of this.listeners.get(message.method) ?? []) fn(message.params, message);
      return;
    }
    const waiter = this.pending.get(message.id);
    if (!waiter) return;
    this.pending.delete(message.id);
    clearTimeout(waiter.timer);
    if (message.error !== undefined || message.type === 'error') {
      const text =
        typeof message.error === 'object'
          ? message.error.message
          : `${message.error}: ${message.message ?? ''}`;
      waiter.fail(new Error(`${waiter.method} failed: ${text}`));
    } else {
      waiter.done(message.result);
    }
  }
}
