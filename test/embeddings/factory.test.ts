import { describe, expect, it } from 'vitest';
import { createEmbeddingProvider } from '../../src/embeddings/factory.js';
import { embeddingSettings, TINY_MODEL_NAME, tinyModelSettings } from './helpers/tinyModel.js';

describe('createEmbeddingProvider', () => {
  it("reports 'none' as disabled", async () => {
    await expect(createEmbeddingProvider(embeddingSettings({ embeddings: 'none' }))).resolves.toEqual({ status: 'disabled' });
  });

  it('opens the local model the settings name', async () => {
    const outcome = await createEmbeddingProvider(await tinyModelSettings());
    expect(outcome).toMatchObject({ status: 'ready', provider: { name: 'local', model: TINY_MODEL_NAME, dimensions: 32 } });
    if (outcome.status === 'ready') await outcome.provider.close?.();
  });

  it('reports openai without a key as unavailable, saying to set OPENAI_API_KEY', async () => {
    const outcome = await createEmbeddingProvider(embeddingSettings({ embeddings: 'openai' }));
    expect(outcome).toMatchObject({ status: 'unavailable', provider: 'openai', reason: expect.stringContaining('set OPENAI_API_KEY') });
  });

  it('opens openai with a known model without contacting the server', async () => {
    // Port 9 (discard) on loopback: any request would fail; none may be made.
    const outcome = await createEmbeddingProvider(
      embeddingSettings({ embeddings: 'openai', openaiApiKey: 'sk-test-key', openaiBaseUrl: 'http://127.0.0.1:9/v1', openaiModel: 'text-embedding-3-large' }),
    );
    expect(outcome).toMatchObject({ status: 'ready', provider: { name: 'openai', model: 'text-embedding-3-large', dimensions: 3072 } });
  });

  it('names AZURE_OPENAI_ENDPOINT when azure has no endpoint', async () => {
    const outcome = await createEmbeddingProvider(embeddingSettings({ embeddings: 'azure', azureDeployment: 'emb', azureApiKey: 'k' }));
    expect(outcome).toMatchObject({ status: 'unavailable', provider: 'azure', reason: expect.stringMatching(/^the azure embeddings need AZURE_OPENAI_ENDPOINT: /) });
  });

  it('names AZURE_OPENAI_DEPLOYMENT when azure has no deployment', async () => {
    const outcome = await createEmbeddingProvider(embeddingSettings({ embeddings: 'azure', azureEndpoint: 'https://r.openai.azure.com', azureApiKey: 'k' }));
    expect(outcome).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/^the azure embeddings need AZURE_OPENAI_DEPLOYMENT: /) });
  });

  it('names both azure settings when both are missing', async () => {
    const outcome = await createEmbeddingProvider(embeddingSettings({ embeddings: 'azure', azureApiKey: 'k' }));
    expect(outcome).toMatchObject({ reason: expect.stringContaining('AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT') });
  });

  it('asks for azure credentials when there are none, and for one kind when there are two', async () => {
    const base = { embeddings: 'azure', azureEndpoint: 'https://r.openai.azure.com', azureDeployment: 'emb' } as const;
    await expect(createEmbeddingProvider(embeddingSettings(base))).resolves.toMatchObject({
      reason: 'the azure embeddings need credentials: set AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN',
    });
    await expect(createEmbeddingProvider(embeddingSettings({ ...base, azureApiKey: 'k', azureAdToken: 't' }))).resolves.toMatchObject({
      reason: 'both AZURE_OPENAI_API_KEY and AZURE_OPENAI_AD_TOKEN are set; set only one',
    });
  });
});
