import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  json: unknown;
}

export interface ScriptedResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * How a slow or broken platform misbehaves after it has done the work: a 500 anyway, a reset
 * connection, a connection closed without an answer, or no answer at all (past any client timeout).
 */
export type Fault = 'error_500' | 'reset' | 'close' | 'stall';

/** Decides the answer to a call; return undefined to fall through to the default answer. */
export type Responder = (call: RecordedCall, index: number) => ScriptedResponse | undefined;

/**
 * A local HTTP server standing in for an outside platform API (Graph API, X API): it records
 * every call and answers from a script, so tests see exactly what our code sent.
 */
export class RecordingServer {
  readonly calls: RecordedCall[] = [];
  private readonly responders: Responder[] = [];
  private readonly faults: Array<{ matches: (call: RecordedCall) => boolean; fault: Fault }> = [];
  private server?: Server;
  url = '';

  constructor(private readonly fallback: Responder) {}

  /** Answer the next calls with these responses, in order, before falling back. */
  queue(...responses: ScriptedResponse[]): void {
    this.queueFor(() => true, ...responses);
  }

  /** Like `queue`, for the calls `matches` picks only (calls made at the same time race for `queue`). */
  queueFor(matches: (call: RecordedCall) => boolean, ...responses: ScriptedResponse[]): void {
    for (const response of responses) {
      let used = false;
      this.responders.push((call) => {
        if (used || !matches(call)) return undefined;
        used = true;
        return response;
      });
    }
  }

  /**
   * The next call `matches` picks is handled as usual (a create creates) and then answered with
   * the fault instead of the answer.
   */
  faultAfterHandling(matches: (call: RecordedCall) => boolean, fault: Fault): void {
    this.faults.push({ matches, fault });
  }

  on(responder: Responder): void {
    this.responders.push(responder);
  }

  reset(): void {
    this.calls.length = 0;
    this.responders.length = 0;
    this.faults.length = 0;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://localhost');
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        const call: RecordedCall = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
          json,
        };
        const index = this.calls.push(call) - 1;
        let answer: ScriptedResponse | undefined;
        for (const responder of this.responders) {
          answer = responder(call, index);
          if (answer) break;
        }
        answer ??= this.fallback(call, index) ?? { status: 404, body: { error: 'no scripted answer' } };
        const faultIndex = this.faults.findIndex((f) => f.matches(call));
        if (faultIndex >= 0) {
          const fault = this.faults.splice(faultIndex, 1)[0]?.fault;
          if (fault === 'reset') req.socket.resetAndDestroy();
          else if (fault === 'close') req.socket.destroy();
          else if (fault === 'error_500') {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { message: 'An unexpected error has occurred.', code: 2 } }));
          }
          return;
        }
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    // Stalled calls keep their connections open: close them, or the server never stops.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
