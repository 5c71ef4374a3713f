export interface RequestLimits {
  /** The embeddings API takes at most 2048 inputs per request. */
  maxInputsPerRequest: number;
  /** The API caps a request at 300k tokens; this leaves room for the estimate's error. */
  maxTokensPerRequest: number;
  /** The text-embedding models read at most 8192 tokens per input. */
  maxTokensPerInput: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxInputsPerRequest: 2048,
  maxTokensPerRequest: 250_000,
  maxTokensPerInput: 8191,
};

/**
 * Roughly 4 characters per token for English text (OpenAI's rule of thumb); no
 * tokenizer ships here. Text with far more tokens per character (numbers, CJK)
 * can still exceed the per-input limit, and the API then rejects it with a 400.
 */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Sent for a blank text; see prepareInput. */
export const BLANK_INPUT = '.';

/**
 * The text as sent. Over-long inputs are cut to the per-input budget (only the
 * start of a long product text is embedded) instead of failing the whole batch.
 * The API answers 400 "'$.input' is invalid" to an empty string in a list
 * (openai/openai-python#576) and some compatible servers strip whitespace-only
 * input to empty, so a blank text is sent as one near-meaningless token.
 */
export function prepareInput(text: string, limits: RequestLimits): string {
  if (text.trim() === '') return BLANK_INPUT;
  const maxChars = limits.maxTokensPerInput * 4;
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  // Do not leave half of a surrogate pair at the end.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

export interface Batch {
  /** Index of the first input in the caller's array. */
  start: number;
  inputs: string[];
}

/** Consecutive batches within the input-count and token budgets, in input order. */
export function planBatches(texts: readonly string[], limits: RequestLimits): Batch[] {
  const batches: Batch[] = [];
  let current: Batch | undefined;
  let tokens = 0;
  texts.forEach((text, index) => {
    const input = prepareInput(text, limits);
    const cost = estimateTokens(input);
    if (!current || current.inputs.length >= limits.maxInputsPerRequest || tokens + cost > limits.maxTokensPerRequest) {
      current = { start: index, inputs: [] };
      batches.push(current);
      tokens = 0;
    }
    current.inputs.push(input);
    tokens += cost;
  });
  return batches;
}
