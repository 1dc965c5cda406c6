// Every domain module's routes. A module adds one line here.
import type { FastifyPluginAsync } from 'fastify';
import { applicantRoutes } from './applicants/routes.js';
import { attachmentRoutes } from './attachments/routes.js';
import { auditRoutes } from './audit/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { catalogRoutes } from './catalog/routes.js';
import { catalogIoRoutes } from './catalog-io/routes.js';
import { identityRoutes } from './identity/routes.js';
import { userAdminRoutes } from './identity/users-routes.js';
import { machineClientRoutes } from './identity/clients-routes.js';
import { setupRoutes } from './identity/setup.js';
import { orgRoutes } from './orgs/routes.js';
import { oidcRoutes } from './oidc/routes.js';
import { portalRoutes } from './portal/routes.js';
import { searchRoutes } from './search/routes.js';

export const modules: FastifyPluginAsync[] = [identityRoutes, orgRoutes, catalogRoutes, catalogIoRoutes, portalRoutes, calendarRoutes, searchRoutes, attachmentRoutes, userAdminRoutes, machineClientRoutes, auditRoutes, applicantRoutes, setupRoutes, oidcRoutes] as FastifyPluginAsync[];
