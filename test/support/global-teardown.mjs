import pg from 'pg';

export default async function globalTeardown() {
  const admin = new pg.Client({ connectionString: process.env.RF_TEST_SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${process.env.RF_TEST_TEMPLATE_DB} WITH (FORCE)`);
  // Databases of files that crashed before their own cleanup.
  const { rows } = await admin.query(`select datname from pg_database where datname like $1`, [
    `rf_t_${process.env.RF_TEST_TEMPLATE_DB.slice('rf_tpl_'.length)}_%`,
  ]);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await admin.end();
  await globalThis.__RF_EMBEDDED__?.stop();
}
