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
  return installed('@huggingface/transformers');
}

/**
 * The OpenAI SDK (about 20 MB) serves the openai and azure providers only, so it is
 * an optional peer dependency too: a clone has it, an npx install adds it on demand.
 */
export const REMOTE_CLIENT_MISSING =
  'the openai and azure embeddings need the OpenAI SDK, which is not installed: npm install openai (or npx -p zava-retail-mcp -p openai zava-mcp), or set ZAVA_EMBEDDINGS to local or none';

function installed(specifier: string): boolean {
  try {
    createRequire(import.meta.url).resolve(specifier);
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
      if (!installed('openai')) return { status: 'unavailable', provider: 'openai', reason: REMOTE_CLIENT_MISSING };
      return (await import('./remote/openaiProvider.js')).openOpenAIProvider(settings, options.remote);
    case 'azure':
      if (!installed('openai')) return { status: 'unavailable', provider: 'azure', reason: REMOTE_CLIENT_MISSING };
      return (await import('./remote/azureProvider.js')).openAzureProvider(settings, options.remote);
  }
}
