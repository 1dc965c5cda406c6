// Routes of the admin app, served under /admin/. Every screen is its own chunk (React.lazy), so the
// login page does not carry the guide editor.
import { lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './AppLayout';
import { RequireAuth } from './RequireAuth';
import { NotFoundPage } from './NotFoundPage';
import { HomeRedirect } from './HomeRedirect';

const LoginPage = lazy(() => import('../features/auth/pages/LoginPage'));
const CatalogPage = lazy(() => import('../features/catalog/pages/CatalogPage'));
const ImplementationPage = lazy(() => import('../features/catalog/pages/ImplementationPage'));
const GuideEditorPage = lazy(() => import('../features/catalog/pages/GuideEditorPage'));
const VersionHistoryPage = lazy(() => import('../features/catalog/pages/VersionHistoryPage'));
const ConsistencyPage = lazy(() => import('../features/catalog/pages/ConsistencyPage'));
const SimplificationPage = lazy(() => import('../features/catalog/pages/SimplificationPage'));
const ReviewQueuePage = lazy(() => import('../features/review/pages/ReviewQueuePage'));
const ReviewPage = lazy(() => import('../features/review/pages/ReviewPage'));
const ImportExportPage = lazy(() => import('../features/importexport/pages/ImportExportPage'));
const SynonymsPage = lazy(() => import('../features/search/pages/SynonymsPage'));
const AuditLogPage = lazy(() => import('../features/audit/pages/AuditLogPage'));
const UsersPage = lazy(() => import('../features/users/pages/UsersPage'));
const ClientsPage = lazy(() => import('../features/clients/pages/ClientsPage'));
const QueuePage = lazy(() => import('../features/cases/pages/QueuePage'));
const CaseDetailPage = lazy(() => import('../features/cases/pages/CaseDetailPage'));
const NewCasePage = lazy(() => import('../features/cases/pages/NewCasePage'));
const OverduePage = lazy(() => import('../features/cases/pages/OverduePage'));
const LicencesPage = lazy(() => import('../features/licences/pages/LicencesPage'));
const LicenceDetailPage = lazy(() => import('../features/licences/pages/LicenceDetailPage'));
const ConsultationsPage = lazy(() => import('../features/consultations/pages/ConsultationsPage'));
const TemplatesPage = lazy(() => import('../features/templates/pages/TemplatesPage'));
const CalendarPage = lazy(() => import('../features/calendar/pages/CalendarPage'));
const HolidayYearEditPage = lazy(() => import('../features/calendar/pages/HolidayYearEditPage'));

export const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginPage /> },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      children: [
        { index: true, element: <HomeRedirect /> },
        { path: 'catalog', element: <CatalogPage /> },
        { path: 'catalog/implementations/:id', element: <ImplementationPage /> },
        { path: 'catalog/implementations/:id/history', element: <VersionHistoryPage /> },
        { path: 'guide-versions/:id/edit', element: <GuideEditorPage /> },
        { path: 'review', element: <ReviewQueuePage /> },
        { path: 'review/:id', element: <ReviewPage /> },
        { path: 'consistency', element: <ConsistencyPage /> },
        { path: 'simplification', element: <SimplificationPage /> },
        { path: 'import', element: <ImportExportPage /> },
        { path: 'synonyms', element: <SynonymsPage /> },
        { path: 'audit', element: <AuditLogPage /> },
        { path: 'users', element: <UsersPage /> },
        { path: 'machine-clients', element: <ClientsPage /> },
        { path: 'cases', element: <QueuePage /> },
        { path: 'cases/new', element: <NewCasePage /> },
        { path: 'cases/overdue', element: <OverduePage /> },
        { path: 'cases/:id', element: <CaseDetailPage /> },
        { path: 'licences', element: <LicencesPage /> },
        { path: 'licences/:id', element: <LicenceDetailPage /> },
        { path: 'consultations', element: <ConsultationsPage /> },
        { path: 'templates', element: <TemplatesPage /> },
        { path: 'calendar', element: <CalendarPage /> },
        { path: 'calendar/:year/edit', element: <HolidayYearEditPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: '/admin' },
);
