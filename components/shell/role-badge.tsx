import { Badge } from "@/components/ui/badge";
import { ROLE_LABELS, type UserRole } from "@/lib/validation/users";

const TONES = { PENDING: "amber", USER: "neutral", MANAGER: "blue", ADMIN: "violet" } as const;

export function RoleBadge({ role }: { role: UserRole }) {
  return <Badge tone={TONES[role]}>{ROLE_LABELS[role]}</Badge>;
}
