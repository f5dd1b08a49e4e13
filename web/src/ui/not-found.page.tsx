import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is nothing at this address, or you may not see it.</p>
      <p>
        <Link to="/">Back to the start page</Link>
      </p>
    </section>
  );
}
