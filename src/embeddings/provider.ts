import type { Settings } from '../config/settings.js';

export type EmbeddingProviderName = 'local' | 'openai' | 'azure';

/** Turns texts into unit-length vectors of one model; one instance per model. */
export interface EmbeddingProvider {
  readonly name: EmbeddingProviderName;
  /** The model the vectors belong to, e.g. 'Xenova/all-MiniLM-L6-v2', 'text-embedding-3-small', or the Azure deployment's model. */
  readonly model: string;
  readonly dimensions: number;
  /**
   * One unit-normalised vector per text, in input order. Rejects with a ZavaError
   * ('embedding_failed'), or with `signal.reason` once the signal aborts.
   */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  close?(): Promise<void>;
}

/** What the configured embeddings can do right now; never an exception. */
export type ProviderOutcome =
  | { status: 'ready'; provider: EmbeddingProvider }
  /** `reason` is one line that says how to fix it. */
  | { status: 'unavailable'; provider: EmbeddingProviderName; reason: string }
  | { status: 'disabled' };

/** The settings the embedding providers read. */
export type EmbeddingSettings = Pick<
  Settings,
  | 'embeddings'
  | 'localModel'
  | 'modelDir'
  | 'modelCacheDir'
  | 'openaiApiKey'
  | 'openaiBaseUrl'
  | 'openaiModel'
  | 'azureEndpoint'
  | 'azureApiKey'
  | 'azureAdToken'
  | 'azureDeployment'
  | 'azureApiVersion'
>;
