/**
 * Starts one server: reads the configuration, opens the store, seeds the demo into an empty
 * store, listens, and shuts down cleanly on SIGTERM and SIGINT.
 */
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { demoLogins, seedDemo } from './demo/seedDemo.ts';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Invalid configuration: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }

  const app = await buildApp(config);
  const log = app.http.log;
  if (config.seedDemo && (await seedDemo(app.store, app.notify))) log.info('loaded the demo consultation into the empty store');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: storing pending documents and closing sockets');
    const force = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  const address = await app.http.listen({ port: config.port, host: config.host });
  log.info(
    { address, store: config.databaseUrl ? 'postgres' : `sqlite in ${config.dataDir}`, redis: Boolean(config.redisUrl) },
    'listening',
  );

  // Printed whatever the log level: people and scripts wait for this line.
  process.stdout.write(`Plenary is listening on ${address}; open ${config.publicOrigins[0]}\n`);
  const logins = config.seedDemo ? await demoLogins(app.store) : [];
  if (logins.length > 0) {
    const lines = logins.map((login) => `  ${login.email.padEnd(26)} ${login.password}   (${login.role})`);
    process.stdout.write(`Demo logins (email, password):\n${lines.join('\n')}\n\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
