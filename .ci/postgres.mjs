// Creates, drops or pings a database on the local PostgreSQL server, for .ci/run.
import pg from 'pg';

const [action, name] = process.argv.slice(2);
const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', connectionTimeoutMillis: 5000 });
await client.connect();
try {
  if (action === 'ping') await client.query('select 1');
  else if (action === 'create' && /^[a-z0-9_]+$/.test(name)) await client.query(`create database ${name}`);
  else if (action === 'drop' && /^[a-z0-9_]+$/.test(name)) await client.query(`drop database if exists ${name} with (force)`);
  else throw new Error(`usage: postgres.mjs ping | create NAME | drop NAME`);
} finally {
  await client.end();
}
