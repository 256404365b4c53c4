import { cookies } from "next/headers";

const ROWS = Array.from({ length: 50 }, (_, i) => ({
  id: `row-${i}`,
  title: `Conversation number ${i + 1} about the quarterly report`,
  messages: (i * 37) % 211,
  updated: new Date(Date.UTC(2026, 10, 1 + (i % 28), 9, i)).toISOString(),
}));

/** Dynamic like every console page (it reads the request's cookies); renders a 50-row table. */
export default async function ListPage() {
  const count = (await cookies()).getAll().length;
  return (
    <main>
      <h1>Chats</h1>
      <p>{count} cookies</p>
      <table>
        <thead>
          <tr>
            <th>Title</th>
            <th>Messages</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`/list/${r.id}`}>{r.title}</a>
              </td>
              <td>{r.messages.toLocaleString("en-US")}</td>
              <td>{r.updated.slice(0, 16).replace("T", " ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
