// Every domain module's routes. A module adds one line here.
import type { FastifyPluginAsync } from 'fastify';
import { calendarRoutes } from './calendar/routes.js';
import { catalogRoutes } from './catalog/routes.js';
import { catalogIoRoutes } from './catalog-io/routes.js';
import { identityRoutes } from './identity/routes.js';
import { orgRoutes } from './orgs/routes.js';
import { portalRoutes } from './portal/routes.js';
import { searchRoutes } from './search/routes.js';

export const modules: FastifyPluginAsync[] = [identityRoutes, orgRoutes, catalogRoutes, catalogIoRoutes, portalRoutes, calendarRoutes, searchRoutes] as FastifyPluginAsync[];
