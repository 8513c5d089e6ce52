import { prepareMigratedTemplate } from './database.ts';

/** vitest globalSetup: the run's migrated database template, built once before any test file. */
export default async function setup(): Promise<() => Promise<void>> {
  return prepareMigratedTemplate();
}
