// Every demo catalog item, across the seven types of Art. 6.
import { CIVIL_ITEMS } from './civil.js';
import { LAND_ITEMS } from './land.js';
import { MARKET_ITEMS } from './market.js';
import { PEOPLE_ITEMS } from './people.js';
import { SERVICE_ITEMS } from './services.js';
import type { ItemSpec } from './types.js';

export type { ItemSpec, SubSpec } from './types.js';

export const DEMO_ITEMS: readonly ItemSpec[] = [...MARKET_ITEMS, ...CIVIL_ITEMS, ...PEOPLE_ITEMS, ...LAND_ITEMS, ...SERVICE_ITEMS];
