import { createRequire } from 'node:module';
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

/**
 * transformers.js and onnxruntime weigh about 450 MB, so the package leaves them to
 * an optional peer dependency: a clone has them (a development dependency), an npx
 * install does not until asked for.
 */
export const LOCAL_RUNTIME_MISSING =
  'the local model needs transformers.js, which is not installed: npm install @huggingface/transformers (or npx -p zava-retail-mcp -p @huggingface/transformers zava-mcp), or set ZAVA_EMBEDDINGS to openai, azure or none';

export function localRuntimeInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@huggingface/transformers');
    return true;
  } catch {
    return false;
  }
}

async function open(name: EmbeddingProviderName, settings: EmbeddingSettings, options: EmbeddingProviderOptions): Promise<ProviderOutcome> {
  switch (name) {
    case 'local':
      if (!localRuntimeInstalled()) return { status: 'unavailable', provider: 'local', reason: LOCAL_RUNTIME_MISSING };
      return (await import('./local/localProvider.js')).openLocalProvider(settings, options.local);
    case 'openai':
      return (await import('./remote/openaiProvider.js')).openOpenAIProvider(settings, options.remote);
    case 'azure':
      return (await import('./remote/azureProvider.js')).openAzureProvider(settings, options.remote);
  }
}
