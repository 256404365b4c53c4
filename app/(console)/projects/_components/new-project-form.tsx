"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createProjectAction } from "../actions";

export function NewProjectForm() {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const [state, action, pending] = useActionState(async (prev: Awaited<ReturnType<typeof createProjectAction>> | null, fd: FormData) => {
    const r = await createProjectAction(prev, fd);
    if (r.ok) {
      setOpen(false);
      router.push(`/projects/${encodeURIComponent(r.id)}`);
    }
    return r;
  }, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <>
      <Button onClick={() => setOpen(true)}>New project</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New project" description="You will own it; import records into it from a CSV file.">
        <form
          className="mt-4 space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const fd = new FormData(e.currentTarget);
            startTransition(() => action(fd));
          }}
        >
          <Field id="project-name" label="Name" error={errors?.name}>
            {(aria) => <Input {...aria} name="name" required minLength={2} maxLength={120} autoFocus />}
          </Field>
          {state && !state.ok && !errors ? <Alert tone="error">{state.message}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create project"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
