import { AzureOpenAI } from 'openai';
import { errorSummary } from '../errorText.js';
import type { EmbeddingSettings, ProviderOutcome } from '../provider.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, probeEndpoint, RemoteEmbeddingProvider, type EmbeddingsEndpoint, type RemoteOptions } from './remoteProvider.js';

export interface AzureProviderOptions extends RemoteOptions {
  /** Returns a Microsoft Entra ID access token; called before every request (e.g. from @azure/identity). Wins over the settings' credentials. */
  azureTokenProvider?: () => Promise<string>;
}

type AzureSettings = Pick<EmbeddingSettings, 'azureEndpoint' | 'azureApiKey' | 'azureAdToken' | 'azureDeployment' | 'azureApiVersion'>;

/**
 * Azure OpenAI: the deployment decides the model, so one small request at start-up
 * learns the model's name and dimension (and proves endpoint and credentials).
 */
export async function openAzureProvider(settings: AzureSettings, options: AzureProviderOptions = {}): Promise<ProviderOutcome> {
  const unavailable = (reason: string): ProviderOutcome => ({ status: 'unavailable', provider: 'azure', reason });
  const { azureEndpoint: endpoint, azureDeployment: deployment } = settings;
  const missing = [!endpoint && 'AZURE_OPENAI_ENDPOINT', !deployment && 'AZURE_OPENAI_DEPLOYMENT'].filter(Boolean);
  if (!endpoint || !deployment) return unavailable(`the azure embeddings need ${missing.join(' and ')}: set the resource endpoint (https://<resource>.openai.azure.com) and the embeddings deployment name`);
  const credentials = azureCredentials(settings, options.azureTokenProvider);
  if ('problem' in credentials) return unavailable(credentials.problem);

  let client: AzureOpenAI;
  try {
    // baseURL rather than endpoint, so the SDK does not also read OPENAI_BASE_URL.
    client = new AzureOpenAI({
      ...credentials,
      baseURL: `${endpoint.replace(/\/+$/, '')}/openai`,
      deployment,
      apiVersion: settings.azureApiVersion,
      maxRetries: 0,
      timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    });
  } catch (error) {
    return unavailable(`could not configure Azure OpenAI: ${errorSummary(error)}`);
  }
  const endpointInfo: EmbeddingsEndpoint = {
    label: `Azure OpenAI deployment ${deployment}`,
    credentials: 'AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN',
    notFound: 'check AZURE_OPENAI_DEPLOYMENT, AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_VERSION',
    secrets: [settings.azureApiKey, settings.azureAdToken],
    request: (input, signal) => client.embeddings.create({ model: deployment, input, encoding_format: 'base64' }, { signal }),
  };
  try {
    const probe = await probeEndpoint(endpointInfo, options);
    return { status: 'ready', provider: new RemoteEmbeddingProvider('azure', probe.model ?? deployment, probe.dimensions, endpointInfo, options) };
  } catch (error) {
    return unavailable(errorSummary(error));
  }
}

function azureCredentials(
  settings: AzureSettings,
  tokenProvider: (() => Promise<string>) | undefined,
): { apiKey: string } | { azureADTokenProvider: () => Promise<string> } | { problem: string } {
  if (tokenProvider) return { azureADTokenProvider: tokenProvider };
  const { azureApiKey: apiKey, azureAdToken: token } = settings;
  if (apiKey && token) return { problem: 'both AZURE_OPENAI_API_KEY and AZURE_OPENAI_AD_TOKEN are set; set only one' };
  if (token) return { azureADTokenProvider: async () => token };
  if (apiKey) return { apiKey };
  return { problem: 'the azure embeddings need credentials: set AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN' };
}
