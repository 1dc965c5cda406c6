// Every domain module's routes. A module adds one line here.
import type { FastifyPluginAsync } from 'fastify';
import { applicantRoutes } from './applicants/routes.js';
import { attachmentRoutes } from './attachments/routes.js';
import { auditRoutes } from './audit/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { catalogRoutes } from './catalog/routes.js';
import { catalogIoRoutes } from './catalog-io/routes.js';
import { casePortalPages } from './cases/portal-pages.js';
import { caseRoutes } from './cases/routes.js';
import { caseActionRoutes } from './cases/action-routes.js';
import { consultationRoutes } from './consultations/routes.js';
import { identityRoutes } from './identity/routes.js';
import { userAdminRoutes } from './identity/users-routes.js';
import { machineClientRoutes } from './identity/clients-routes.js';
import { setupRoutes } from './identity/setup.js';
import { licenceRoutes } from './licences/routes.js';
import { orgRoutes } from './orgs/routes.js';
import { outboxRoutes } from './outbox/routes.js';
import { oidcRoutes } from './oidc/routes.js';
import { portalRoutes } from './portal/routes.js';
import { searchRoutes } from './search/routes.js';
import { sealRoutes } from './seals/routes.js';
import { documentRoutes } from './documents/routes.js';
import { archiveRoutes } from './archive/routes.js';

export const modules: FastifyPluginAsync[] = [identityRoutes, orgRoutes, catalogRoutes, catalogIoRoutes, portalRoutes, calendarRoutes, searchRoutes, attachmentRoutes, userAdminRoutes, machineClientRoutes, auditRoutes, applicantRoutes, setupRoutes, oidcRoutes, consultationRoutes, casePortalPages, caseRoutes, caseActionRoutes, outboxRoutes, licenceRoutes, sealRoutes, documentRoutes, archiveRoutes] as FastifyPluginAsync[];
