// Every domain module's routes. A module adds one line here.
import type { FastifyPluginAsync } from 'fastify';
import { identityRoutes } from './identity/routes.js';
import { orgRoutes } from './orgs/routes.js';

export const modules: FastifyPluginAsync[] = [identityRoutes, orgRoutes] as FastifyPluginAsync[];
