import { Route, Routes, useLocation } from 'react-router-dom';
import { AccountPage } from '../accounts/account.page.js';
import { UsersPage } from '../accounts/users.page.js';
import { LoginPage } from '../auth/login.page.js';
import { RegisterPage } from '../auth/register.page.js';
import { SessionProvider } from '../auth/session.context.js';
import { ComparePage } from '../compare/compare.page.js';
import { EntityDetailPage } from '../entities/entity-detail.page.js';
import { EntityCreatePage, EntityEditPage } from '../entities/entity-form.page.js';
import { EntityListPage } from '../entities/entity-list.page.js';
import { DataFilePage } from '../experiments/data-file.page.js';
import { ExperimentPage } from '../experiments/experiment.page.js';
import { CyclersPage } from '../monitor/cyclers.page.js';
import { UploadPage } from '../upload/upload.page.js';
import { UnassignedFilesPage } from '../monitored-paths/unassigned-files.page.js';
import { ErrorBoundary } from '../ui/error-boundary.js';
import { NotFoundPage } from '../ui/not-found.page.js';
import { AppLayout } from './app-layout.js';
import { HomePage } from './home.page.js';
import { RequireSignIn } from './require-sign-in.js';

/** Every page of the app; entity pages are generic over `:plural`. */
export function App() {
  const location = useLocation();
  return (
    <SessionProvider>
      <AppLayout>
        <ErrorBoundary resetKey={location.pathname}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/register" element={<RegisterPage />} />
            <Route element={<RequireSignIn />}>
              <Route path="/" element={<HomePage />} />
              <Route path="/account" element={<AccountPage />} />
              <Route path="/users" element={<UsersPage />} />
              <Route path="/upload" element={<UploadPage />} />
              <Route path="/compare" element={<ComparePage />} />
              <Route path="/unassigned-files" element={<UnassignedFilesPage />} />
              <Route path="/cyclers" element={<CyclersPage />} />
              <Route path="/experiments/new" element={<EntityCreatePage plural="experiments" />} />
              <Route path="/experiments/:id" element={<ExperimentPage />} />
              <Route path="/data-files/:id" element={<DataFilePage />} />
              <Route path="/:plural" element={<EntityListPage />} />
              <Route path="/:plural/new" element={<EntityCreatePage />} />
              <Route path="/:plural/:id" element={<EntityDetailPage />} />
              <Route path="/:plural/:id/edit" element={<EntityEditPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </ErrorBoundary>
      </AppLayout>
    </SessionProvider>
  );
}
