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

/** Decides the answer to a call; return undefined to fall through to the default answer. */
export type Responder = (call: RecordedCall, index: number) => ScriptedResponse | undefined;

/**
 * A local HTTP server standing in for an outside platform API (Graph API, X API): it records
 * every call and answers from a script, so tests see exactly what our code sent.
 */
export class RecordingServer {
  readonly calls: RecordedCall[] = [];
  private readonly responders: Responder[] = [];
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

  on(responder: Responder): void {
    this.responders.push(responder);
  }

  reset(): void {
    this.calls.length = 0;
    this.responders.length = 0;
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
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
