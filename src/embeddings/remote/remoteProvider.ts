import type { EmbeddingProvider } from '../provider.js';
import { DEFAULT_REQUEST_LIMITS, planBatches, type RequestLimits } from './batching.js';
import { parseEmbeddingResponse, type ParsedEmbeddings } from './embeddingResponse.js';
import { classifyRemoteError, remoteFailure, type EndpointHints } from './remoteErrors.js';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from './retry.js';

/** One embeddings HTTP endpoint; `request` sends one batch and returns the parsed JSON body. */
export interface EmbeddingsEndpoint extends EndpointHints {
  request(inputs: string[], signal?: AbortSignal): Promise<unknown>;
}

export interface RemoteOptions {
  retry?: Partial<RetryPolicy>;
  limits?: Partial<RequestLimits>;
  /** Per request; the SDK's own default is ten minutes. */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** Batching, retries, validation and error wording shared by OpenAI and Azure OpenAI. */
export class RemoteEmbeddingProvider implements EmbeddingProvider {
  private readonly policy: RetryPolicy;
  private readonly limits: RequestLimits;

  constructor(
    readonly name: 'openai' | 'azure',
    readonly model: string,
    readonly dimensions: number,
    private readonly endpoint: EmbeddingsEndpoint,
    options: RemoteOptions = {},
  ) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    const limits = { ...DEFAULT_REQUEST_LIMITS, ...options.limits };
    // A zero limit would send empty inputs or empty requests; one is the least that works.
    this.limits = {
      maxInputsPerRequest: Math.max(1, limits.maxInputsPerRequest),
      maxTokensPerRequest: Math.max(1, limits.maxTokensPerRequest),
      maxTokensPerInput: Math.max(1, limits.maxTokensPerInput),
    };
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted();
    const vectors = new Array<Float32Array>(texts.length);
    // One request at a time: the rate limit is per account, so parallel requests mostly buy 429s.
    for (const batch of planBatches(texts, this.limits)) {
      const parsed = await requestEmbeddings(this.endpoint, batch.inputs, this.dimensions, this.policy, signal);
      parsed.vectors.forEach((vector, offset) => (vectors[batch.start + offset] = vector));
    }
    return vectors;
  }
}

/** One batch with retries; failures become a one-line ZavaError, an abort stays `signal.reason`. */
export async function requestEmbeddings(
  endpoint: EmbeddingsEndpoint,
  inputs: string[],
  dimensions: number | undefined,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<ParsedEmbeddings> {
  let body: unknown;
  try {
    body = await withRetry(() => endpoint.request(inputs, signal), classifyRemoteError, policy, signal);
  } catch (error) {
    signal?.throwIfAborted();
    throw remoteFailure(error, endpoint);
  }
  return parseEmbeddingResponse(body, inputs.length, dimensions, endpoint.label);
}

/** The model and dimension an endpoint really serves, learnt from one tiny request. */
export async function probeEndpoint(endpoint: EmbeddingsEndpoint, options: RemoteOptions = {}): Promise<{ model: string | undefined; dimensions: number }> {
  const parsed = await requestEmbeddings(endpoint, ['dimension probe'], undefined, { ...DEFAULT_RETRY_POLICY, ...options.retry });
  return { model: parsed.model, dimensions: parsed.vectors[0]!.length };
}
