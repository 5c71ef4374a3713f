import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmbeddingSettings } from '../../src/embeddings/provider.js';
import { normalize } from '../../src/embeddings/vectors.js';
import { FakeEmbeddingsServer, fakeVector, type FakeServerOptions } from './helpers/fakeEmbeddingsServer.js';
import { FAST_RETRY, readyProvider, recordingRetry, rejection } from './helpers/remote.js';
import { embeddingSettings } from './helpers/tinyModel.js';

const KEY = 'sk-test-abcdefghijklmnopqrstuvwxyz0123456789';

let server: FakeEmbeddingsServer | undefined;

async function startServer(options: FakeServerOptions = {}): Promise<FakeEmbeddingsServer> {
  server = await FakeEmbeddingsServer.start(options);
  return server;
}

function openaiSettings(fake: FakeEmbeddingsServer, model = 'text-embedding-3-small'): EmbeddingSettings {
  return embeddingSettings({ embeddings: 'openai', openaiApiKey: KEY, openaiBaseUrl: `${fake.origin}/v1`, openaiModel: model });
}

function expectVectorsFor(vectors: Float32Array[], texts: readonly string[], dimensions: number): void {
  expect(vectors).toHaveLength(texts.length);
  texts.forEach((text, index) => {
    const expected = normalize(fakeVector(text, dimensions));
    Array.from(vectors[index]!).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
  });
}

beforeEach(() => {
  server = undefined;
});

afterEach(async () => {
  await server?.close();
});

describe('the openai provider', () => {
  it('posts the model and the inputs with a bearer key to <base>/embeddings, asking for base64', async () => {
    const fake = await startServer({ dimensions: 1536 });
    const provider = await readyProvider(openaiSettings(fake));
    expect(fake.requests).toHaveLength(0);
    await provider.embed(['insulated cooler', 'headphones']);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/v1/embeddings' });
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.body).toEqual({ model: 'text-embedding-3-small', input: ['insulated cooler', 'headphones'], encoding_format: 'base64' });
  });

  it('returns unit vectors that match the inputs, decoded from base64', async () => {
    const fake = await startServer({ dimensions: 1536 });
    const provider = await readyProvider(openaiSettings(fake));
    expect(provider).toMatchObject({ name: 'openai', model: 'text-embedding-3-small', dimensions: 1536 });
    const texts = ['tent', 'coffee grinder', 'yoga mat'];
    const vectors = await provider.embed(texts);
    expectVectorsFor(vectors, texts, 1536);
    for (const vector of vectors) expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
  });

  it('also understands float arrays from a server that ignores encoding_format', async () => {
    const fake = await startServer({ dimensions: 1536, ignoreEncodingFormat: true });
    const provider = await readyProvider(openaiSettings(fake));
    expectVectorsFor(await provider.embed(['tent', 'mug']), ['tent', 'mug'], 1536);
  });

  it('keeps input order when the server returns the data out of order', async () => {
    const fake = await startServer({ dimensions: 1536, reverse: true });
    const provider = await readyProvider(openaiSettings(fake));
    const texts = ['first', 'second', 'third', 'fourth'];
    expectVectorsFor(await provider.embed(texts), texts, 1536);
  });

  it('learns the dimension of a model it does not know from one request', async () => {
    const fake = await startServer({ dimensions: 768 });
    const provider = await readyProvider(openaiSettings(fake, 'nomic-embed-text'));
    expect(provider.dimensions).toBe(768);
    expect(fake.requests.map((request) => request.body.input)).toEqual([['dimension probe']]);
  });

  it('splits 5000 inputs into requests of at most 2048 and returns 5000 vectors in order', async () => {
    const fake = await startServer({ dimensions: 4 });
    const provider = await readyProvider(openaiSettings(fake, 'small-fake'));
    fake.requests.length = 0;
    const texts = Array.from({ length: 5000 }, (_, i) => `product ${i}`);
    const vectors = await provider.embed(texts);
    expect(fake.requests.map((request) => request.body.input?.length)).toEqual([2048, 2048, 904]);
    expect(fake.requests.flatMap((request) => request.body.input)).toEqual(texts);
    expectVectorsFor([vectors[0]!, vectors[2048]!, vectors[4999]!], [texts[0]!, texts[2048]!, texts[4999]!], 4);
  });

  it('keeps each request under the token budget and cuts an over-long input to 8191 tokens', async () => {
    const fake = await startServer({ dimensions: 4 });
    const provider = await readyProvider(openaiSettings(fake, 'small-fake'));
    fake.requests.length = 0;
    const texts = Array.from({ length: 40 }, (_, i) => `${i} `.padEnd(40_000, 'x'));
    const vectors = await provider.embed(texts);
    expect(vectors).toHaveLength(40);
    const sent = fake.requests.map((request) => request.body.input as string[]);
    expect(sent.map((inputs) => inputs.length)).toEqual([30, 10]);
    for (const inputs of sent) {
      for (const input of inputs) expect(input.length).toBe(8191 * 4);
      expect(inputs.reduce((tokens, input) => tokens + Math.ceil(input.length / 4), 0)).toBeLessThanOrEqual(250_000);
    }
    expect(sent[1]![0]).toBe(texts[30]!.slice(0, 8191 * 4));
  });

  it("sends blank texts as '.', since the API rejects an empty input", async () => {
    const fake = await startServer({ dimensions: 1536 });
    const provider = await readyProvider(openaiSettings(fake));
    const vectors = await provider.embed(['', 'tent', ' \n ']);
    expect(fake.requests[0]!.body.input).toEqual(['.', 'tent', '.']);
    expect(vectors).toHaveLength(3);
  });

  it('returns an empty array for no texts without calling the server', async () => {
    const fake = await startServer();
    const provider = await readyProvider(openaiSettings(fake));
    await expect(provider.embed([])).resolves.toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('openai errors and retries', () => {
  it('retries after a 429 and then succeeds', async () => {
    const fake = await startServer({ dimensions: 1536 });
    fake.replyNext({ status: 429, body: { error: { message: 'Rate limit reached', type: 'requests' } } });
    const provider = await readyProvider(openaiSettings(fake), { remote: { retry: FAST_RETRY } });
    expectVectorsFor(await provider.embed(['tent']), ['tent'], 1536);
    expect(fake.requests).toHaveLength(2);
  });

  it('retries after a 503 and then succeeds', async () => {
    const fake = await startServer({ dimensions: 1536 });
    fake.replyNext({ status: 503, body: { error: { message: 'overloaded' } } }, { status: 500, body: 'oops' });
    const provider = await readyProvider(openaiSettings(fake), { remote: { retry: FAST_RETRY } });
    expectVectorsFor(await provider.embed(['tent']), ['tent'], 1536);
    expect(fake.requests).toHaveLength(3);
  });

  it('waits as long as Retry-After or retry-after-ms says', async () => {
    const fake = await startServer({ dimensions: 1536 });
    fake.replyNext({ status: 429, headers: { 'retry-after': '2' } }, { status: 503, headers: { 'retry-after-ms': '7' } }, { status: 503 });
    const { retry, delays } = recordingRetry();
    const provider = await readyProvider(openaiSettings(fake), { remote: { retry } });
    await provider.embed(['tent']);
    // The third wait has no Retry-After: backoff 1 ms × 2² at the jitter floor (half).
    expect(delays).toEqual([2000, 7, 2]);
  });

  it('backs off exponentially with jitter when the server gives no Retry-After', async () => {
    const fake = await startServer({ dimensions: 1536 });
    fake.replyNext({ status: 503 }, { status: 503 }, { status: 503 });
    const delays: number[] = [];
    const retry = { baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.5, sleep: async (ms: number) => void delays.push(ms) };
    const provider = await readyProvider(openaiSettings(fake), { remote: { retry } });
    await provider.embed(['tent']);
    expect(delays).toEqual([75, 150, 300]);
  });

  it('gives up after the configured attempts with one line saying so', async () => {
    const fake = await startServer({ dimensions: 1536 });
    fake.replyNext({ status: 503 }, { status: 503 }, { status: 503 });
    const provider = await readyProvider(openaiSettings(fake), { remote: { retry: { ...FAST_RETRY, maxAttempts: 3 } } });
    await expect(provider.embed(['tent'])).rejects.toMatchObject({
      code: 'embedding_failed',
      message: `the embeddings API at ${fake.origin.slice('http://'.length)} failed with status 503 after 3 attempts; try again later`,
    });
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a 401 and says which setting to check without showing the key', async () => {
    const fake = await startServer({ dimensions: 1536 });
    fake.replyNext({ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}`, code: 'invalid_api_key' } } });
    const provider = await readyProvider(openaiSettings(fake), { remote: { retry: FAST_RETRY } });
    const error = await rejection(provider.embed(['tent']));
    expect(error).toMatchObject({ code: 'embedding_failed', message: expect.stringMatching(/rejected the credentials \(401\); check OPENAI_API_KEY$/) });
    expect(error.message).not.toContain(KEY.slice(3, 20));
    expect(JSON.stringify((error as { details?: unknown }).details)).not.toContain(KEY.slice(3, 20));
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a 400 and passes on the server reason with keys removed', async () => {
    const fake = await startServer({ dimensions: 1536 });
    fake.replyNext({ status: 400, body: { error: { message: `Invalid input for key ${KEY}\nsecond line` } } });
    const provider = await readyProvider(openaiSettings(fake), { remote: { retry: FAST_RETRY } });
    const error = await rejection(provider.embed(['tent']));
    expect(error.message).toMatch(/rejected the request \(400\): Invalid input for key \[redacted\]$/);
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a 429 that reports an exhausted quota', async () => {
    const fake = await startServer({ dimensions: 1536 });
    fake.replyNext({ status: 429, body: { error: { message: 'You exceeded your current quota', code: 'insufficient_quota' } } });
    const provider = await readyProvider(openaiSettings(fake), { remote: { retry: FAST_RETRY } });
    await expect(provider.embed(['tent'])).rejects.toThrow(/quota is used up \(429\)/);
    expect(fake.requests).toHaveLength(1);
  });

  it('reports a body that is not JSON clearly', async () => {
    const fake = await startServer({ dimensions: 1536 });
    fake.replyNext({ status: 200, body: '{"data": [oops' });
    const provider = await readyProvider(openaiSettings(fake), { remote: { retry: FAST_RETRY } });
    await expect(provider.embed(['tent'])).rejects.toMatchObject({ code: 'embedding_failed', message: expect.stringMatching(/returned a response that could not be read: /) });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports vectors of the wrong dimension for the model', async () => {
    const fake = await startServer({ dimensions: 1000 });
    const provider = await readyProvider(openaiSettings(fake));
    await expect(provider.embed(['tent'])).rejects.toThrow(/unusable embeddings response: embedding 0 has 1000 dimensions, expected 1536$/);
  });

  it('reports a response with fewer embeddings than inputs', async () => {
    const fake = await startServer({ dimensions: 1536 });
    fake.replyNext({ status: 200, body: { object: 'list', data: [{ object: 'embedding', index: 0, embedding: Array(1536).fill(0.1) }] } });
    const provider = await readyProvider(openaiSettings(fake));
    await expect(provider.embed(['tent', 'mug'])).rejects.toThrow(/1 embeddings for 2 inputs/);
  });

  it('reports an unreachable server after retrying', async () => {
    const fake = await startServer();
    const settings = openaiSettings(fake);
    await fake.close();
    server = undefined;
    const provider = await readyProvider(settings, { remote: { retry: { ...FAST_RETRY, maxAttempts: 2 } } });
    await expect(provider.embed(['tent'])).rejects.toThrow(/^could not reach the embeddings API at 127\.0\.0\.1:\d+ after 2 attempts: /);
  });

  it('rejects with the abort reason and stops retrying when aborted', async () => {
    const fake = await startServer({ dimensions: 1536 });
    fake.replyNext({ status: 503 }, { status: 503 });
    const controller = new AbortController();
    const retry = { ...FAST_RETRY, sleep: async () => controller.abort(new Error('caller gave up')) };
    const provider = await readyProvider(openaiSettings(fake), { remote: { retry } });
    await expect(provider.embed(['tent'], controller.signal)).rejects.toThrow('caller gave up');
    expect(fake.requests).toHaveLength(1);
  });
});
