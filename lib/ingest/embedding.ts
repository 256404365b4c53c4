/**
 * The embedding step of an ingest job, as an interface a provider plugs into.
 *
 * The settings (system_settings ai_provider / ai_host / embedding_model, seed 004) choose the
 * provider. Records are saved with `embedding = '{}'` (vectorization pending); when a provider
 * answers, the job moves to VECTORIZING and fills them; when none answers (this machine reaches
 * no AI backend), the job completes and says vectorization is pending.
 *
 * To add a provider: implement EmbeddingProvider and register a factory in PROVIDERS.
 */
import type { AiSettings } from "@/lib/db/queries/ai-settings";

export interface EmbeddingProvider {
  /** Shown on the job: "lmstudio · text-embedding-nomic-embed-text-v1.5". */
  readonly label: string;
  /** True when the provider answers now (a cheap probe with a short timeout). */
  available(): Promise<boolean>;
  /** One vector per text, in order. */
  embed(texts: string[]): Promise<number[][]>;
}

/** An OpenAI-compatible /embeddings endpoint (LM Studio, OpenRouter, OpenAI, ...). */
export class OpenAiCompatibleEmbeddings implements EmbeddingProvider {
  readonly label: string;
  constructor(
    private readonly host: string,
    private readonly model: string,
    provider: string,
    private readonly apiKey?: string,
    private readonly timeoutMs = 2_000,
  ) {
    this.label = `${provider} · ${model}`;
  }

  private url(path: string) {
    return `${this.host.replace(/\/+$/, "")}${path}`;
  }

  private headers(): Record<string, string> {
    return { "content-type": "application/json", ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}) };
  }

  async available(): Promise<boolean> {
    try {
      const res = await fetch(this.url("/models"), { headers: this.headers(), signal: AbortSignal.timeout(this.timeoutMs) });
      return res.ok;
    } catch {
      return false;
    }
  }

  async embed(texts: string[]): Promise<number[][]> {
    const res = await fetch(this.url("/embeddings"), {
      method: "POST",
      headers: this.headers(),
      body: JSON.stringify({ model: this.model, input: texts }),
      signal: AbortSignal.timeout(60_000),
    });
    if (!res.ok) throw new Error(`${this.label} answered ${res.status}`);
    const body = (await res.json()) as { data?: { embedding: number[]; index: number }[] };
    const data = body.data ?? [];
    if (data.length !== texts.length) throw new Error(`${this.label} returned ${data.length} vectors for ${texts.length} texts`);
    return [...data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
  }
}

type Factory = (s: AiSettings) => EmbeddingProvider | null;

/** Providers by `ai_provider` value. OpenRouter's key is stored encrypted and is not read here. */
export const PROVIDERS: Record<string, Factory> = {
  lmstudio: (s) => (s.aiHost && s.embeddingModel ? new OpenAiCompatibleEmbeddings(s.aiHost, s.embeddingModel, "lmstudio") : null),
};

/** The provider the settings name, or null when none is configured. */
export function embeddingProviderFor(settings: AiSettings): EmbeddingProvider | null {
  const factory = settings.aiProvider ? PROVIDERS[settings.aiProvider] : undefined;
  return factory ? factory(settings) : null;
}
