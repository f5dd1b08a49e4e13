import { useState, type FormEvent } from 'react';
import { ApiError, apiFetch } from '../api/api-client.js';
import type { ApiNewToken, ApiPasswordChange, ApiToken, ApiTokensRevoked } from '../api/api-types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/session.context.js';
import { ErrorMessage } from '../ui/error-message.js';
import { Field } from '../ui/field.js';

type Token = ApiToken;

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [revokeTokens, setRevokeTokens] = useState(true);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState(false);
  const issue = (f: string) => (error instanceof ApiError ? error.issues.find((i) => i.field === f)?.message : undefined);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const body: ApiPasswordChange = { current_password: current, new_password: next, revoke_tokens: revokeTokens };
      await apiFetch('/api/v1/auth/password', { method: 'POST', body });
      setDone(true);
      setError(undefined);
      setCurrent('');
      setNext('');
    } catch (err) {
      setDone(false);
      setError(err instanceof Error ? err : new Error(String(err)));
    }
  }
  return (
    <form onSubmit={submit} aria-label="Change password">
      <h2>Change password</h2>
      <Field label="Current password" error={issue('current_password')}>{(p) => <input {...p} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}</Field>
      <Field label="New password" error={issue('new_password')}>{(p) => <input {...p} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />}</Field>
      <label>
        <input type="checkbox" checked={revokeTokens} onChange={(e) => setRevokeTokens(e.target.checked)} /> Also revoke all my API tokens
      </label>
      {error instanceof ApiError && error.issues.length > 0 ? null : <ErrorMessage error={error} />}
      {done ? <p role="status">Password changed.</p> : null}
      <button type="submit">Change password</button>
    </form>
  );
}

function Tokens() {
  const { data, error, reload } = useApi<Token[]>('/api/v1/auth/tokens');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string>();
  const [revoked, setRevoked] = useState<number>();
  const [failure, setFailure] = useState<Error>();
  const run = (p: Promise<unknown>) => p.then(reload).catch((e: unknown) => setFailure(e instanceof Error ? e : new Error(String(e))));
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="muted">Send as <code>Authorization: Bearer …</code> from scripts.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(apiFetch<ApiNewToken>('/api/v1/auth/tokens', { method: 'POST', body: { name } }).then((t) => setSecret(t.token)));
          setName('');
        }}
        className="toolbar"
      >
        <label htmlFor="token-name">Token name</label>
        <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} required style={{ maxWidth: 260 }} />
        <button type="submit">Create token</button>
        {data?.some((t) => !t.revoked_at) ? (
          <button type="button" className="danger" onClick={() => void run(apiFetch<ApiTokensRevoked>('/api/v1/auth/tokens', { method: 'DELETE' }).then((r) => setRevoked(r.revoked)))}>
            Revoke all tokens
          </button>
        ) : null}
      </form>
      {revoked !== undefined ? <p role="status">Revoked {revoked} token{revoked === 1 ? '' : 's'}.</p> : null}
      {secret ? (
        <p role="status">
          New token (shown once): <code>{secret}</code>
        </p>
      ) : null}
      <ErrorMessage error={error ?? failure} />
      <table className="list compact">
        <tbody>
          {data?.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>
                <code>{t.token_prefix}…</code>
              </td>
              <td>{t.revoked_at ? 'revoked' : t.last_used_at ? `last used ${new Date(t.last_used_at).toLocaleString()}` : 'never used'}</td>
              <td>{t.revoked_at ? null : <button type="button" className="danger" onClick={() => void run(apiFetch(`/api/v1/auth/tokens/${t.id}`, { method: 'DELETE' }))}>Revoke</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function AccountPage() {
  const { user } = useSession();
  return (
    <section>
      <h1>My account</h1>
      <p>
        Signed in as <strong>{user?.username}</strong> ({user?.role.replace('_', ' ')}).
      </p>
      <PasswordForm />
      <Tokens />
    </section>
  );
}
