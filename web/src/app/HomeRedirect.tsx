// /admin/ (where sign-in returns) opens the person's home page: see home.ts.
import { Navigate } from 'react-router-dom';
import { useMe } from '../features/auth/hooks';
import { homeOf } from './home';

export function HomeRedirect() {
  return <Navigate to={homeOf(useMe().data?.roles)} replace />;
}
