import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listConnectionsForAdmin } from "@/lib/admin/connections";
import { listUsers } from "@/lib/admin/users";
import { NewUserForm } from "@/components/admin/new-user-form";
import { UserCard } from "@/components/admin/user-card";
import { NotAllowed } from "@/components/layout/not-allowed";
import { PageHeader } from "@/components/layout/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminUsers"))("title") };
}

export default async function UsersPage() {
  const user = await requireUser("/admin/users");
  if (!can(user, "users:manage")) return <NotAllowed what="managingUsers" />;
  const [users, connections] = await Promise.all([listUsers(user), listConnectionsForAdmin(user)]);
  const options = connections.map(({ id, name, enabled }) => ({ id, name, enabled }));
  const t = await getTranslations("adminUsers");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
      />
      <div className="space-y-4">
        <NewUserForm />
        <ul className="space-y-3" aria-label={t("title")}>
          {users.map((u) => (
            <li key={u.id}>
              <UserCard user={u} connections={options} self={u.id === user.id} />
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
