import OpenAI from 'openai';
import { errorSummary } from '../errorText.js';
import type { EmbeddingSettings, ProviderOutcome } from '../provider.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, probeEndpoint, RemoteEmbeddingProvider, type EmbeddingsEndpoint, type RemoteOptions } from './remoteProvider.js';

/** Dimensions of OpenAI's embedding models; any other model is asked once. */
export const KNOWN_OPENAI_DIMENSIONS: Readonly<Record<string, number>> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export async function openOpenAIProvider(
  settings: Pick<EmbeddingSettings, 'openaiApiKey' | 'openaiBaseUrl' | 'openaiModel'>,
  options: RemoteOptions = {},
): Promise<ProviderOutcome> {
  const apiKey = settings.openaiApiKey;
  if (!apiKey) return { status: 'unavailable', provider: 'openai', reason: 'the openai embeddings need an API key: set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server)' };
  const model = settings.openaiModel;
  const baseURL = settings.openaiBaseUrl ?? OPENAI_BASE_URL;
  // Everything explicit: the SDK would otherwise read OPENAI_BASE_URL itself, and
  // its own retries are off because ours are shared with Azure and testable.
  const client = new OpenAI({ apiKey, baseURL, maxRetries: 0, timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS });
  const label = settings.openaiBaseUrl ? `the embeddings API at ${new URL(baseURL).host}` : 'the OpenAI API';
  const endpoint: EmbeddingsEndpoint = {
    label,
    credentials: 'OPENAI_API_KEY',
    notFound: `check ZAVA_OPENAI_MODEL (${model})${settings.openaiBaseUrl ? ' and OPENAI_BASE_URL' : ''}`,
    secrets: [apiKey],
    // base64 asked for explicitly, so the SDK hands the body over undecoded and
    // servers that answer with float arrays anyway are understood too.
    request: (input, signal) => client.embeddings.create({ model, input, encoding_format: 'base64' }, { signal }),
  };
  let dimensions = KNOWN_OPENAI_DIMENSIONS[model];
  if (dimensions === undefined) {
    try {
      dimensions = (await probeEndpoint(endpoint, options)).dimensions;
    } catch (error) {
      return { status: 'unavailable', provider: 'openai', reason: `could not learn the dimension of ${model}: ${errorSummary(error)}` };
    }
  }
  return { status: 'ready', provider: new RemoteEmbeddingProvider('openai', model, dimensions, endpoint, options) };
}
