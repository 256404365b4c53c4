/**
 * What each role may open (issue 3): users get their own workspace, managers add bonus progress,
 * admins add the admin section. Navigation is the experience only: every page checks the role
 * again on the server, and RLS decides the rows.
 */
import type { ComponentType } from "react";
import {
  ActivityIcon,
  AlertIcon,
  AwardIcon,
  BotIcon,
  CalendarIcon,
  ChartIcon,
  ChatIcon,
  CodeIcon,
  CpuIcon,
  FileIcon,
  FolderIcon,
  GaugeIcon,
  LayersIcon,
  ListIcon,
  SettingsIcon,
  UsersIcon,
  type IconProps,
} from "@/components/ui/icons";
import type { UserRole } from "@/lib/validation/users";

export type NavItem = { href: string; label: string; icon: ComponentType<IconProps> };
export type NavSection = { id: string; label: string; roles: readonly UserRole[]; items: NavItem[] };

export const NAV_SECTIONS: NavSection[] = [
  {
    id: "workspace",
    label: "Workspace",
    roles: ["USER", "MANAGER", "ADMIN"],
    items: [
      { href: "/chats", label: "Chats", icon: ChatIcon },
      { href: "/documents", label: "Documents", icon: FileIcon },
      { href: "/sessions", label: "Sessions", icon: CodeIcon },
      { href: "/directives", label: "Directives", icon: ListIcon },
      { href: "/contexts", label: "Contexts", icon: LayersIcon },
      { href: "/projects", label: "Projects", icon: FolderIcon },
      { href: "/usage", label: "My usage", icon: ChartIcon },
      { href: "/usage/limits", label: "My limits", icon: GaugeIcon },
      { href: "/usage/errors", label: "My errors", icon: AlertIcon },
    ],
  },
  {
    id: "team",
    label: "Team",
    roles: ["MANAGER", "ADMIN"],
    items: [{ href: "/bonus", label: "Bonus progress", icon: AwardIcon }],
  },
  {
    id: "admin",
    label: "Admin",
    roles: ["ADMIN"],
    items: [
      { href: "/admin/users", label: "Users", icon: UsersIcon },
      { href: "/admin/models", label: "Models", icon: CpuIcon },
      { href: "/admin/agents", label: "Agents", icon: BotIcon },
      { href: "/admin/settings", label: "Settings", icon: SettingsIcon },
      { href: "/admin/errors", label: "Errors", icon: AlertIcon },
      { href: "/admin/activity", label: "Activity", icon: ActivityIcon },
      { href: "/admin/rate-limits", label: "Rate limits", icon: GaugeIcon },
      { href: "/admin/usage", label: "Usage", icon: ChartIcon },
      { href: "/admin/bonus-windows", label: "Bonus windows", icon: CalendarIcon },
    ],
  },
];

export function navFor(role: UserRole): NavSection[] {
  return NAV_SECTIONS.filter((s) => s.roles.includes(role));
}
