import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddingProvider } from '../../src/embeddings/factory.js';
import type { EmbeddingSettings } from '../../src/embeddings/provider.js';
import { normalize } from '../../src/embeddings/vectors.js';
import { FakeEmbeddingsServer, fakeVector } from './helpers/fakeEmbeddingsServer.js';
import { FAST_RETRY, readyProvider, rejection } from './helpers/remote.js';
import { embeddingSettings } from './helpers/tinyModel.js';

const KEY = 'azure-key-0123456789abcdef0123456789abcdef';
const DEPLOYMENT_PATH = '/openai/deployments/product-embeddings/embeddings?api-version=2024-10-21';

let server: FakeEmbeddingsServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startServer(dimensions = 16): Promise<FakeEmbeddingsServer> {
  server = await FakeEmbeddingsServer.start({ dimensions, model: 'text-embedding-3-small' });
  return server;
}

function azureSettings(fake: FakeEmbeddingsServer, credentials: Partial<EmbeddingSettings> = { azureApiKey: KEY }): EmbeddingSettings {
  return embeddingSettings({ embeddings: 'azure', azureEndpoint: `${fake.origin}/`, azureDeployment: 'product-embeddings', ...credentials });
}

describe('the azure provider', () => {
  it('calls the deployment path with the api-version and an api-key header', async () => {
    const fake = await startServer();
    const provider = await readyProvider(azureSettings(fake));
    await provider.embed(['tent', 'mug']);
    expect(fake.requests.map((request) => request.url)).toEqual([DEPLOYMENT_PATH, DEPLOYMENT_PATH]);
    const request = fake.requests[1]!;
    expect(request.headers['api-key']).toBe(KEY);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toMatchObject({ input: ['tent', 'mug'], encoding_format: 'base64' });
  });

  it("learns the deployment's model and dimension from one request at start", async () => {
    const fake = await startServer(24);
    const provider = await readyProvider(azureSettings(fake));
    expect(provider).toMatchObject({ name: 'azure', model: 'text-embedding-3-small', dimensions: 24 });
    expect(fake.requests).toHaveLength(1);
    const [vector] = await provider.embed(['tent']);
    const expected = normalize(fakeVector('tent', 24));
    Array.from(vector!).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
  });

  it('sends AZURE_OPENAI_AD_TOKEN as a bearer token', async () => {
    const fake = await startServer();
    const provider = await readyProvider(azureSettings(fake, { azureAdToken: 'entra-token-1' }));
    await provider.embed(['tent']);
    expect(fake.requests.map((request) => request.headers.authorization)).toEqual(['Bearer entra-token-1', 'Bearer entra-token-1']);
    expect(fake.requests[0]!.headers['api-key']).toBeUndefined();
  });

  it('asks an injected Entra token provider for a token on every request', async () => {
    const fake = await startServer();
    let issued = 0;
    const azureTokenProvider = async () => `token-${++issued}`;
    const provider = await readyProvider(azureSettings(fake, {}), { remote: { azureTokenProvider } });
    await provider.embed(['tent']);
    await provider.embed(['mug']);
    expect(fake.requests.map((request) => request.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2', 'Bearer token-3']);
  });

  it('batches and retries like the openai provider', async () => {
    const fake = await startServer(2);
    const provider = await readyProvider(azureSettings(fake), { remote: { retry: FAST_RETRY } });
    fake.replyNext({ status: 429, headers: { 'retry-after-ms': '1' } });
    const texts = Array.from({ length: 2049 }, (_, i) => `item ${i}`);
    const vectors = await provider.embed(texts);
    expect(vectors).toHaveLength(2049);
    expect(fake.requests.slice(1).map((request) => request.body.input?.length)).toEqual([2048, 2048, 1]);
  });

  it('does not retry a 401 and names the azure credential settings without showing the key', async () => {
    const fake = await startServer();
    const provider = await readyProvider(azureSettings(fake), { remote: { retry: FAST_RETRY } });
    fake.replyNext({ status: 401, body: { error: { code: '401', message: `Access denied due to invalid subscription key ${KEY}` } } });
    const error = await rejection(provider.embed(['tent']));
    expect(error.message).toBe('Azure OpenAI deployment product-embeddings rejected the credentials (401); check AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN');
    expect(fake.requests).toHaveLength(2);
  });

  it('is unavailable, with the settings to check, when the deployment does not exist', async () => {
    const fake = await startServer();
    fake.replyNext({ status: 404, body: { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } } });
    const settings = azureSettings(fake);
    await expect(createEmbeddingProvider(settings, { remote: { retry: FAST_RETRY } })).resolves.toEqual({
      status: 'unavailable',
      provider: 'azure',
      reason:
        'Azure OpenAI deployment product-embeddings has no such model or deployment (404); check AZURE_OPENAI_DEPLOYMENT, AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_VERSION',
    });
  });

  it('is unavailable without showing the key when the credentials are rejected at start', async () => {
    const fake = await startServer();
    fake.replyNext({ status: 401, body: { error: { code: '401', message: `Access denied due to invalid subscription key ${KEY}` } } });
    const outcome = await createEmbeddingProvider(azureSettings(fake), { remote: { retry: FAST_RETRY } });
    expect(outcome).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('rejected the credentials (401)') });
    expect(JSON.stringify(outcome)).not.toContain(KEY);
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a 400 and removes the key from the server reason', async () => {
    const fake = await startServer();
    const provider = await readyProvider(azureSettings(fake), { remote: { retry: FAST_RETRY } });
    fake.replyNext({ status: 400, body: { error: { code: 'BadRequest', message: `Request with api-key ${KEY} has an invalid input` } } });
    const error = await rejection(provider.embed(['tent']));
    expect(error.message).toBe('Azure OpenAI deployment product-embeddings rejected the request (400): Request with api-key [redacted] has an invalid input');
    expect(fake.requests).toHaveLength(2);
  });
});
