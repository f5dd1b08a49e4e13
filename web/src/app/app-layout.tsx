import type { ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { hasRole, logout } from '../auth/auth.api.js';
import { useSession } from '../auth/session.context.js';
import { ENTITIES } from '../entities/entity-config.js';

const GROUPS = ['Data', 'Devices', 'Lab', 'Materials', 'Reference'] as const;

function UserMenu() {
  const { user, refresh } = useSession();
  const navigate = useNavigate();
  if (!user)
    return (
      <div className="user-menu">
        <Link to="/login">Sign in</Link> <Link to="/register">Register</Link>
      </div>
    );
  return (
    <div className="user-menu">
      <Link to="/account">{user.username}</Link>
      {hasRole(user, 'user_manager') ? <Link to="/users">Users</Link> : null}
      <button
        type="button"
        className="link"
        onClick={async () => {
          await logout();
          await refresh();
          navigate('/login');
        }}
      >
        Sign out
      </button>
    </div>
  );
}

/** Header, navigation by entity group, and the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { user } = useSession();
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Liionsden
        </Link>
        <UserMenu />
      </header>
      {user ? (
        <nav className="side" aria-label="Main">
          <NavLink to="/compare">Compare</NavLink>
          <NavLink to="/upload">Upload</NavLink>
          <NavLink to="/unassigned-files">Unassigned files</NavLink>
          <NavLink to="/cyclers">Cyclers</NavLink>
          {GROUPS.map((g) => (
            <div key={g} className="nav-group">
              <h2>{g}</h2>
              {ENTITIES.filter((e) => e.group === g).map((e) => (
                <NavLink key={e.plural} to={`/${e.plural}`}>
                  {e.labelPlural}
                </NavLink>
              ))}
            </div>
          ))}
        </nav>
      ) : null}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
