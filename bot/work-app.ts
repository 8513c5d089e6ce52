import type { App } from '@slack/bolt';
import { registerWorkAppActions } from './actions/work-app.ts';
import type { BotServices } from './services.ts';
import { registerMeasureShortcut } from './measure-shortcut.ts';
import { registerShortcuts } from './shortcuts.ts';
import { registerThreads } from './threads.ts';

/**
 * What people expect from a work app in Slack (issue 18): the message shortcuts, App Home's
 * settings and unlinking, thread replies, the administrators' subscription buttons. Personal
 * direct messages, live cards and the weekly digest run in the notifier (notify/).
 */
export function registerWorkApp(app: App, services: BotServices): void {
  registerWorkAppActions(app, services);
  registerShortcuts(app, services);
  registerMeasureShortcut(app, services);
  registerThreads(app, services);
}
