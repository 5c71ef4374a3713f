import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /v1/embeddings. */
  url: string;
  headers: IncomingHttpHeaders;
  body: { model?: string; input?: string[] | string; encoding_format?: string } & Record<string, unknown>;
}

export interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as is (with a JSON content type). */
  body?: unknown;
}

export interface FakeServerOptions {
  dimensions?: number;
  /** The `model` field of responses; defaults to the requested model. */
  model?: string;
  /** Return `data` in reverse order (the API does not promise order). */
  reverse?: boolean;
  /** Answer with float arrays even when base64 was asked for, like some compatible servers. */
  ignoreEncodingFormat?: boolean;
}

/**
 * Speaks the embeddings API on 127.0.0.1 (any POST path ending in /embeddings):
 * vectors are a function of the input text, so tests can check order. Scripted
 * replies, when queued, answer the next requests first.
 */
export class FakeEmbeddingsServer {
  readonly requests: RecordedRequest[] = [];
  private readonly scripted: ScriptedReply[] = [];

  private constructor(
    private readonly server: Server,
    readonly options: FakeServerOptions,
  ) {}

  static async start(options: FakeServerOptions = {}): Promise<FakeEmbeddingsServer> {
    const fake: FakeEmbeddingsServer = new FakeEmbeddingsServer(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const body = text ? (JSON.parse(text) as RecordedRequest['body']) : {};
          fake.requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
          const reply = fake.scripted.shift() ?? fake.answer(request.url ?? '', body);
          const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
          response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          response.end(payload);
        });
      }),
      options,
    );
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Queue replies for the next requests, in order. */
  replyNext(...replies: ScriptedReply[]): void {
    this.scripted.push(...replies);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(url: string, body: RecordedRequest['body']): ScriptedReply {
    if (!url.split('?')[0]!.endsWith('/embeddings')) return { status: 404, body: { error: { message: 'no such route' } } };
    const inputs = typeof body.input === 'string' ? [body.input] : (body.input ?? []);
    const base64 = body.encoding_format === 'base64' && !this.options.ignoreEncodingFormat;
    const data = inputs.map((input, index) => {
      const vector = fakeVector(input, this.options.dimensions ?? 8);
      const embedding = base64 ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : Array.from(vector);
      return { object: 'embedding', index, embedding };
    });
    if (this.options.reverse) data.reverse();
    const tokens = inputs.reduce((sum, input) => sum + Math.ceil(input.length / 4), 0);
    return {
      status: 200,
      body: { object: 'list', data, model: this.options.model ?? body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } },
    };
  }
}

/** The fake's raw (unnormalised) vector for a text. */
export function fakeVector(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i++) {
    const digest = createHash('sha256').update(`${i}:${text}`).digest();
    vector[i] = digest.readUInt32LE(0) / 0xffffffff - 0.5;
  }
  return vector;
}
