// A wrapper that starts a persistent embedded Postgres and then waits to be killed (-9).
import { startLocalPostgres } from "../../tooling/local-postgres";

const pg = await startLocalPostgres({ dataDir: process.argv[2], persistent: true, fast: true });
process.stdout.write(`READY ${pg.port}\n`);
setInterval(() => {}, 1000);
