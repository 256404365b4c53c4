"use server";

import { refresh } from "next/cache";
import { defineAction, failure, type ActionResult } from "@/lib/actions";
import { createProject } from "@/lib/db/mutations/projects";
import { withViewer } from "@/lib/db/with-viewer";
import { createProjectInput } from "@/lib/validation/projects";

/** A new project owned by the viewer (RLS: users create their own projects; admins any). */
export const createProjectAction = defineAction(
  createProjectInput,
  ["USER", "MANAGER", "ADMIN"],
  async (input, viewer): Promise<ActionResult<{ id: string }>> => {
    const r = await withViewer(viewer, (tx) => createProject(tx, { name: input.name, ownerId: viewer.id }));
    if (r === "taken") return failure("Check the highlighted fields.", { name: ["A project with this name exists already."] });
    refresh();
    return { ok: true, id: r.id, message: `Project ${input.name} created.` };
  },
);
