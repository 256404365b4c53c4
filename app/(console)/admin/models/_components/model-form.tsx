"use client";

import { useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { formatInt, formatIntCompact, formatUsdShort, formatUsdSigned } from "@/lib/format";
import { modelMetadata, price, PROVIDERS } from "@/lib/validation/admin-config";
import { saveModel } from "../actions";
import { ActionError } from "../../_config/conflict-alert";
import { useActionSuccess } from "@/components/ui/use-action-success";

export type ModelUsage30 = {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  recordedCost: number;
  costCalls: number;
};

export type ModelFormValues = {
  id?: string;
  version?: string;
  modelId: string;
  name: string;
  description: string | null;
  provider: string;
  isActive: boolean;
  thinkingEnabled: boolean;
  inputPrice: string;
  outputPrice: string;
  metadata: Record<string, unknown>;
};

export const BLANK_MODEL: ModelFormValues = {
  modelId: "",
  name: "",
  description: null,
  provider: "google",
  isActive: true,
  thinkingEnabled: false,
  inputPrice: "0",
  outputPrice: "0",
  metadata: {},
};

/** A price as the form parses it, or null while it is not a valid price. */
function parsedPrice(v: string): number | null {
  const r = price.safeParse(v);
  return r.success ? Number(r.data) : null;
}

/**
 * Price impact preview: the last 30 days of this model's usage at the typed prices, next to what
 * was recorded and what the current prices give. Computed as you type from the token totals the
 * page loaded (from usage_rollup_hourly): no round trip per keystroke.
 */
export function PriceImpact({ usage, current, next }: { usage: ModelUsage30; current: { input: string; output: string } | null; next: { input: string; output: string } }) {
  const inP = parsedPrice(next.input);
  const outP = parsedPrice(next.output);
  const at = (i: number, o: number) => (usage.inputTokens * i + usage.outputTokens * o) / 1_000_000;
  if (usage.calls === 0) {
    return (
      <div className="rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm text-zinc-600" data-testid="price-impact">
        No usage of this model in the last 30 days: a price change affects only future calls.
      </div>
    );
  }
  const atCurrent = current ? at(Number(current.input), Number(current.output)) : null;
  const atNew = inP !== null && outP !== null ? at(inP, outP) : null;
  return (
    <div className="space-y-1.5 rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm" data-testid="price-impact" aria-live="polite">
      <p className="font-medium text-zinc-900">Price impact, last 30 days</p>
      <p className="text-xs text-zinc-600">
        {formatInt(usage.calls)} calls, {formatIntCompact(usage.inputTokens)} input and {formatIntCompact(usage.outputTokens)} output tokens.
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 tabular-nums">
        <dt className="text-zinc-600">Recorded</dt>
        <dd data-testid="impact-recorded">
          {formatUsdShort(usage.recordedCost)}
          {usage.costCalls < usage.calls ? (
            <span className="text-xs text-zinc-500"> ({formatInt(usage.calls - usage.costCalls)} calls have no recorded cost)</span>
          ) : null}
        </dd>
        {atCurrent !== null ? (
          <>
            <dt className="text-zinc-600">At the current prices</dt>
            <dd>{formatUsdShort(atCurrent)}</dd>
          </>
        ) : null}
        <dt className="font-medium text-zinc-900">At the new prices</dt>
        <dd data-testid="impact-new" className="font-medium">
          {atNew === null ? (
            <span className="text-zinc-500">enter valid prices</span>
          ) : (
            <>
              {formatUsdShort(atNew)}{" "}
              <span className={atNew > usage.recordedCost ? "text-red-700" : "text-emerald-700"} data-testid="impact-delta">
                ({formatUsdSigned(atNew - usage.recordedCost)} vs recorded)
              </span>
            </>
          )}
        </dd>
      </dl>
    </div>
  );
}

export function ModelForm({
  initial,
  usage,
  onCancel,
  onDone,
}: {
  initial: ModelFormValues;
  usage: ModelUsage30 | null;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const [state, action, pending] = useActionState(saveModel, null);
  const [inputPrice, setInputPrice] = useState(initial.inputPrice);
  const [outputPrice, setOutputPrice] = useState(initial.outputPrice);
  const [metadata, setMetadata] = useState(() => JSON.stringify(initial.metadata, null, 2));
  const router = useRouter();
  useActionSuccess(state, (s) => {
    onDone(s.message ?? "Saved.");
    router.refresh();
  });
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  // The same rules as the server, as you type.
  let metadataError: string | undefined;
  try {
    const parsed = metadata.trim() ? JSON.parse(metadata) : {};
    const r = modelMetadata.safeParse(parsed);
    if (!r.success) metadataError = r.error.issues[0]?.message;
    else if (typeof parsed !== "object" || Array.isArray(parsed) || parsed === null) metadataError = "Metadata must be a JSON object ({ ... })";
  } catch (e) {
    metadataError = `Metadata is not valid JSON: ${(e as Error).message}`;
  }
  const inErr = price.safeParse(inputPrice).error?.issues[0]?.message;
  const outErr = price.safeParse(outputPrice).error?.issues[0]?.message;

  return (
    <form action={action} className="space-y-4" noValidate>
      <ActionError state={state} />
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      {initial.version ? <input type="hidden" name="expectedUpdatedAt" value={initial.version} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="model-id" label="Model id" hint="As the provider names it, e.g. gpt-4o" error={errors?.modelId}>
          {(aria) => <Input {...aria} name="modelId" defaultValue={initial.modelId} maxLength={100} required />}
        </Field>
        <Field id="model-name" label="Display name" error={errors?.name}>
          {(aria) => <Input {...aria} name="name" defaultValue={initial.name} maxLength={200} required />}
        </Field>
        <Field id="model-provider" label="Provider" error={errors?.provider}>
          {(aria) => (
            <Select {...aria} name="provider" defaultValue={initial.provider}>
              {PROVIDERS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="flex items-end gap-4 pb-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="hidden" name="isActive" value="false" />
            <Checkbox name="isActive" value="true" defaultChecked={initial.isActive} /> Active
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="hidden" name="thinkingEnabled" value="false" />
            <Checkbox name="thinkingEnabled" value="true" defaultChecked={initial.thinkingEnabled} /> Thinking
          </label>
        </div>
        <Field id="model-input-price" label="Input price ($ per million tokens)" error={errors?.inputPrice ?? inErr}>
          {(aria) => <Input {...aria} name="inputPrice" inputMode="decimal" value={inputPrice} onChange={(e) => setInputPrice(e.target.value)} />}
        </Field>
        <Field id="model-output-price" label="Output price ($ per million tokens)" error={errors?.outputPrice ?? outErr}>
          {(aria) => <Input {...aria} name="outputPrice" inputMode="decimal" value={outputPrice} onChange={(e) => setOutputPrice(e.target.value)} />}
        </Field>
      </div>
      {usage ? (
        <PriceImpact
          usage={usage}
          current={initial.id ? { input: initial.inputPrice, output: initial.outputPrice } : null}
          next={{ input: inputPrice, output: outputPrice }}
        />
      ) : null}
      <Field id="model-description" label="Description" error={errors?.description}>
        {(aria) => (
          <textarea {...aria} name="description" defaultValue={initial.description ?? ""} maxLength={5000} rows={2} className="block w-full rounded-md border border-zinc-300 px-3 py-2 text-sm" />
        )}
      </Field>
      <Field
        id="model-metadata"
        label="Metadata (JSON)"
        hint='contextWindow, maxOutputTokens (whole numbers), capabilities (a list of names); other keys are kept.'
        error={errors?.metadata ?? metadataError}
      >
        {(aria) => (
          <textarea
            {...aria}
            name="metadata"
            value={metadata}
            onChange={(e) => setMetadata(e.target.value)}
            rows={6}
            spellCheck={false}
            className="block w-full rounded-md border border-zinc-300 px-3 py-2 font-mono text-xs aria-[invalid=true]:border-red-500"
          />
        )}
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : initial.id ? "Save model" : "Add model"}
        </Button>
      </DialogFooter>
    </form>
  );
}

export function ModelDialog({
  open,
  onClose,
  initial,
  usage,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  initial: ModelFormValues;
  usage: ModelUsage30 | null;
  onDone?: (message: string) => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={initial.id ? `Edit ${initial.modelId}` : initial.modelId ? `Add a price for ${initial.modelId}` : "Add a model"} className="max-w-2xl">
      <ModelForm
        initial={initial}
        usage={usage}
        onCancel={onClose}
        onDone={(m) => {
          onClose();
          onDone?.(m);
        }}
      />
    </Dialog>
  );
}

export function AddModelButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Add model</Button>
      <ModelDialog open={open} onClose={() => setOpen(false)} initial={BLANK_MODEL} usage={null} />
    </>
  );
}
