import { errorSummary } from './errorText.js';
import type { LocalProviderOptions } from './local/localProvider.js';
import type { EmbeddingProviderName, EmbeddingSettings, ProviderOutcome } from './provider.js';
import type { AzureProviderOptions } from './remote/azureProvider.js';

export interface EmbeddingProviderOptions {
  local?: LocalProviderOptions;
  /** OpenAI and Azure OpenAI: retry policy, request limits, timeout, Entra token provider. */
  remote?: AzureProviderOptions;
}

/**
 * The provider the settings ask for, or why it cannot run. Never throws, never
 * falls back to another provider or model. Modules are imported on demand, so
 * a server using OpenAI never loads transformers.js and onnxruntime.
 */
export async function createEmbeddingProvider(settings: EmbeddingSettings, options: EmbeddingProviderOptions = {}): Promise<ProviderOutcome> {
  const name = settings.embeddings;
  if (name === 'none') return { status: 'disabled' };
  try {
    return await open(name, settings, options);
  } catch (error) {
    return { status: 'unavailable', provider: name, reason: `the ${name} embeddings could not start: ${errorSummary(error)}` };
  }
}

async function open(name: EmbeddingProviderName, settings: EmbeddingSettings, options: EmbeddingProviderOptions): Promise<ProviderOutcome> {
  switch (name) {
    case 'local':
      return (await import('./local/localProvider.js')).openLocalProvider(settings, options.local);
    case 'openai':
      return (await import('./remote/openaiProvider.js')).openOpenAIProvider(settings, options.remote);
    case 'azure':
      return (await import('./remote/azureProvider.js')).openAzureProvider(settings, options.remote);
  }
}
