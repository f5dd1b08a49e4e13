import { useState } from 'react';
import { apiFetch } from '../api/api-client.js';
import { useApi } from '../api/use-api.js';
import type { CurrentUser } from '../auth/auth.api.js';
import { ErrorMessage } from '../ui/error-message.js';

type Account = CurrentUser;
const ROLES: CurrentUser['role'][] = ['read_only', 'contributor', 'maintainer', 'user_manager', 'administrator'];

function AccountRow({ account, onChanged }: { account: Account; onChanged(): void }) {
  const [role, setRole] = useState<CurrentUser['role']>(account.is_active ? account.role : 'contributor');
  const [error, setError] = useState<Error>();
  const act = (path: string, method: string, body: unknown) =>
    apiFetch(path, { method, body })
      .then(() => {
        setError(undefined);
        onChanged();
      })
      .catch((e: unknown) => setError(e instanceof Error ? e : new Error(String(e))));
  return (
    <tr>
      <td>{account.username}</td>
      <td>{account.full_name}</td>
      <td>{account.email}</td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${account.id}`}>
          Role of {account.username}
        </label>
        <select id={`role-${account.id}`} value={role} onChange={(e) => setRole(e.target.value as CurrentUser['role'])}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r.replace('_', ' ')}
            </option>
          ))}
        </select>
      </td>
      <td>{account.is_active ? <span className="badge badge-ready">active</span> : <span className="badge badge-private">waiting</span>}</td>
      <td>
        {account.is_active ? (
          <>
            <button type="button" onClick={() => act(`/api/v1/users/${account.id}`, 'PATCH', { role })} disabled={role === account.role}>
              Set role
            </button>{' '}
            <button type="button" className="danger" onClick={() => act(`/api/v1/users/${account.id}`, 'PATCH', { is_active: false })}>
              Deactivate
            </button>
          </>
        ) : (
          <button type="button" className="primary" onClick={() => act(`/api/v1/users/${account.id}/approve`, 'POST', { role })} aria-label={`Approve ${account.username}`}>
            Approve
          </button>
        )}
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

/** User managers approve registrations and set roles. */
export function UsersPage() {
  const { data, error, reload } = useApi<Account[]>('/api/v1/users');
  const waiting = data?.filter((u) => !u.is_active).length ?? 0;
  return (
    <section>
      <h1>Users</h1>
      <p>{waiting} account(s) waiting for approval.</p>
      <ErrorMessage error={error} />
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {[...(data ?? [])]
            .sort((a, b) => Number(a.is_active) - Number(b.is_active) || a.username.localeCompare(b.username))
            .map((u) => (
              <AccountRow key={u.id} account={u} onChanged={reload} />
            ))}
        </tbody>
      </table>
    </section>
  );
}
