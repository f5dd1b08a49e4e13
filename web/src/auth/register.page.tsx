import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/api-client.js';
import { ErrorMessage } from '../ui/error-message.js';
import { Field } from '../ui/field.js';
import { register, type Registration } from './auth.api.js';
import { useInstitutions } from './use-institutions.js';

export function RegisterPage() {
  const institutions = useInstitutions();
  const [form, setForm] = useState<Registration>({ username: '', email: '', password: '', full_name: '' });
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState(false);
  const issues = error instanceof ApiError ? error.issues : [];
  const issueOf = (field: string) => issues.find((i) => i.field === field)?.message;
  const set = (key: keyof Registration) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: key === 'institution_id' ? (e.target.value ? Number(e.target.value) : undefined) : e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await register(form);
      setDone(true);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    }
  }

  if (done)
    return (
      <section className="narrow">
        <h1>Registration received</h1>
        <p role="status">Your account waits for approval by a user manager. You can sign in once it is approved.</p>
        <Link to="/login">Go to sign in</Link>
      </section>
    );

  return (
    <section className="narrow">
      <h1>Register</h1>
      <form onSubmit={submit} aria-label="Register" noValidate>
        <Field label="Username" error={issueOf('username')}>{(p) => <input {...p} name="username" value={form.username} onChange={set('username')} required />}</Field>
        <Field label="Full name" error={issueOf('full_name')}>{(p) => <input {...p} name="full_name" value={form.full_name} onChange={set('full_name')} />}</Field>
        <Field label="Email" error={issueOf('email')}>{(p) => <input {...p} name="email" type="email" value={form.email} onChange={set('email')} required />}</Field>
        <Field label="Password" error={issueOf('password')} hint="At least 8 characters">
          {(p) => <input {...p} name="password" type="password" autoComplete="new-password" value={form.password} onChange={set('password')} required />}
        </Field>
        <Field label="Institution *" error={issueOf('institution_id')} hint={institutions.length === 0 ? 'No institution is listed yet: ask an administrator to make yours public.' : undefined}>
          {(p) => (
            <select {...p} name="institution_id" value={form.institution_id ?? ''} onChange={set('institution_id')} required>
              <option value="">(choose your institution)</option>
              {institutions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {issues.length === 0 ? <ErrorMessage error={error} /> : null}
        <button type="submit">Register</button>
      </form>
    </section>
  );
}
