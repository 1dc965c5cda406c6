// Seeds the crash test's world into the database the server will use — the same configuration as
// src/main.ts reads (DATABASE_URL, else embedded PGlite in TONGBAN_DATA_DIR): migrations, then
// test/case-fixture.ts makeCaseWorld (an implementing department with a published guide, its
// clerk …) with the server's own keys, and a signed-in session for the clerk.
// Run as `node --import tsx test/crash/seed-world.ts`; prints one JSON line:
//   {"implementationId","situationId","materials":[{"materialId","paper":true}…],"token","csrf"}
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { csrfTokenFor } from '../../src/http/security.js';
import { createSession } from '../../src/modules/identity/service.js';
import { makeCaseWorld } from '../case-fixture.js';

const config = loadConfig();
const handle = await openDatabase(config);
try {
  await migrateToLatest(handle.db);
  const world = await makeCaseWorld(handle.db, config);
  const token = await createSession(handle.db, world.users.clerk);
  console.log(
    JSON.stringify({
      implementationId: world.implementation.id,
      situationId: 'new',
      // The applicant materials of situation 'new', handed in on paper (营业执照 comes by sharing).
      materials: [
        { materialId: 'application', paper: true },
        { materialId: 'floorplan', paper: true },
      ],
      token,
      csrf: csrfTokenFor(token),
    }),
  );
} finally {
  await handle.close();
}
